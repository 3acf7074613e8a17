/**
 * RTP packets (RFC 3550 5.1): fixed header, CSRC list, padding, and header extensions in the one-byte and
 * two-byte forms of RFC 8285 (other extension profiles are kept as raw bytes).
 *
 * <p>Parsing copies: {@link io.livegate.rtc.rtp.RtpPacket#parse} returns values that own their bytes, so a
 * packet may be kept (NACK history, reassembly) after the receive buffer is released.
 *
 * <p>Also here: {@link io.livegate.rtc.rtp.PacketHistory} (a power-of-two ring of sent packets for NACK
 * replies), {@link io.livegate.rtc.rtp.NackGenerator} (receive-side loss detection, RFC 4585 6.2.1),
 * {@link io.livegate.rtc.rtp.Rtx} (RFC 4588 4 wrap/unwrap), {@link io.livegate.rtc.rtp.ReorderBuffer} (bounded
 * resequencing before a depacketizer), {@link io.livegate.rtc.rtp.RtpTimestampUnwrapper} and
 * {@link io.livegate.rtc.rtp.RtpStreamWriter} (per-viewer headers with mid, transport-wide sequence and
 * abs-send-time one-byte extensions), {@link io.livegate.rtc.rtp.ReceiveStatistics} (RFC 3550 A.3/A.8 loss and
 * jitter for receiver reports) and {@link io.livegate.rtc.rtp.SendStatistics} (sender report counters), {@link io.livegate.rtc.rtp.TwccRecorder} (transport-cc feedback from arrivals).
 *
 * <p>Left out: RTP version other than 2 (rejected), RFC 8285 extmap-allow-mixed validation (both forms
 * parse in any session), header extension encryption (RFC 6904).
 */
package io.livegate.rtc.rtp;
