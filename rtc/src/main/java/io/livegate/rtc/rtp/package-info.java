/**
 * RTP packets (RFC 3550 5.1): fixed header, CSRC list, padding, and header extensions in the one-byte and
 * two-byte forms of RFC 8285 (other extension profiles are kept as raw bytes).
 *
 * <p>Parsing copies: {@link io.livegate.rtc.rtp.RtpPacket#parse} returns values that own their bytes, so a
 * packet may be kept (NACK history, reassembly) after the receive buffer is released.
 *
 * <p>Left out: RTP version other than 2 (rejected), RFC 8285 extmap-allow-mixed validation (both forms
 * parse in any session), header extension encryption (RFC 6904).
 */
package io.livegate.rtc.rtp;
