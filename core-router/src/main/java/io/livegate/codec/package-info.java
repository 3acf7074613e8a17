/**
 * Codec bitstream helpers shared by every protocol module: the {@link io.livegate.codec.BitReader} for RBSP-style
 * bit fields, {@link io.livegate.codec.CodecException} with its reason, {@link io.livegate.codec.CodecLimits},
 * RFC 6381 codec strings ({@link io.livegate.codec.CodecStrings}) and picture facts
 * ({@link io.livegate.codec.VideoInfo}). Per-codec parsing lives in the sub-packages. Pure JDK; nothing here
 * knows about sessions, channels or ByteBufs.
 */
package io.livegate.codec;
