/**
 * Per-stream packetization shared by every WHEP viewer: one subscription per stream, each frame split once
 * into RTP payloads (RFC 6184 H.264 mode 1, RFC 7587 Opus, VP8/VP9/AV1/H.265 via {@code rtc.rtp.codec}), and a
 * packetized copy of the frames since the latest keyframe for instant start. Viewers only rewrite the RTP
 * header. Leaves out: simulcast/SVC layer selection.
 */
package io.livegate.whep.media;
