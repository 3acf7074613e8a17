/**
 * One WHEP viewer: SDP answer from the stream's tracks (RFC 8829, RFC 6184 8.2.2 profile choice), SRTP from the
 * DTLS keys (RFC 5764), per-viewer RTP header rewrite (RFC 3550 5.1), a bounded paced send queue, RTCP: SR and
 * SDES (RFC 3550 6.4.1, 6.5), generic NACK with RTX (RFC 4585 6.2.1, RFC 4588), PLI/FIR (RFC 4585 6.3.1,
 * RFC 5104 4.3.1), receiver reports, REMB recorded. Leaves out: transport-cc replies, bandwidth adaptation.
 */
package io.livegate.whep.session;
