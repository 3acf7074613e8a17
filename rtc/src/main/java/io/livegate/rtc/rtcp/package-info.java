/**
 * RTCP packets, one class per packet type behind the sealed {@link io.livegate.rtc.rtcp.RtcpPacket}, and
 * compound packets ({@link io.livegate.rtc.rtcp.RtcpPackets}).
 *
 * <p>Implements: SR, RR and report blocks, SDES, BYE (RFC 3550 6.4-6.6); generic NACK and PLI (RFC 4585
 * 6.2.1, 6.3.1); FIR (RFC 5104 4.3.1); REMB (draft-alvestrand-rmcat-remb-03); transport-wide congestion
 * control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 3.1), parse and build. Everything
 * else (APP, XR, other feedback formats) is kept as {@link io.livegate.rtc.rtcp.RawPacket}.
 *
 * <p>Values own their bytes. Writers produce canonical forms (no padding; TWCC chunks re-encoded), so
 * parse then write then parse gives equal values, not always equal bytes. Left out: SRTCP (see
 * {@code rtc.srtp}), RFC 5506 reduced-size rules beyond accepting non-SR/RR-first compounds, SDES
 * PRIV item structure (kept as bytes).
 */
package io.livegate.rtc.rtcp;
