/**
 * RTP payload formats: {@link io.livegate.rtc.rtp.codec.RtpPacketizer} turns one {@link io.livegate.media.Frame}
 * into RTP payloads for an MTU, {@link io.livegate.rtc.rtp.codec.RtpDepacketizer} turns in-order RTP packets
 * back into frames in the core-router canonical {@link io.livegate.media.Payload} form.
 *
 * <p>Implements: H.264 (RFC 6184, packetization-mode 1: single NAL unit, STAP-A, FU-A; SPS/PPS sent before
 * each IDR), H.265 (RFC 7798: single NAL unit, AP, FU; no DONL), Opus (RFC 7587), VP8 (RFC 7741 payload
 * descriptor; keyframe from the payload header), VP9 (RFC 9628 descriptor parsing incl. flexible mode and
 * scalability structure; we send non-flexible, one spatial layer), AV1 (AOM "RTP Payload Format for AV1"
 * v1.0: aggregation header Z/Y/W/N, OBU elements with and without length, fragmentation).
 *
 * <p>Depacketizers expect packets in sequence order (a jitter buffer, if any, sits before them). A
 * sequence gap or a timestamp change inside a frame discards that frame and everything until the next
 * frame start; {@link io.livegate.rtc.rtp.codec.RtpDepacketizer#droppedFrames()} counts them so ingest can
 * send a PLI. Reassembly is bounded by {@link io.livegate.rtc.rtp.codec.DepacketizerLimits}.
 *
 * <p>Left out: H.264 modes 0 (receive works, send needs mode 1) and 2 (STAP-B, MTAP, FU-B), H.265 PACI and
 * DONL, VP8/VP9 picture ids on send, VP9 spatial layers on send, AV1 scalability on send.
 */
package io.livegate.rtc.rtp.codec;
