/**
 * Action Message Format: AMF0 (Adobe AMF0 specification, section 2) read and written, and AMF3 (AMF3
 * specification, section 3) read, for commands and data of clients that connect with {@code objectEncoding} 3.
 * Bounds are in {@link io.livegate.rtmp.amf.AmfLimits}.
 *
 * <p>Left out: AMF0 references (0x07), movie clips and record sets; AMF3 externalizable objects, vectors and
 * dictionaries; writing AMF3 (replies go out as AMF0, which every AMF3 client also reads).
 */
package io.livegate.rtmp.amf;
