/**
 * One WHIP publisher: the SDP answer (RFC 8829 5.3, recvonly, ICE-lite, DTLS passive per RFC 8842, H.264
 * profile choice per RFC 6184 8.2.2), SRTP from the DTLS keys (RFC 5764), the receive path per track (RTX unwrap
 * RFC 4588 4, reordering, generic NACK RFC 4585 6.2.1, depacketizing), RTCP out: receiver reports and SDES
 * (RFC 3550 6.4.2, 6.5), PLI/FIR (RFC 4585 6.3.1, RFC 5104 4.3.1), transport-cc feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01), reduced-size RTCP (RFC 5506). Leaves out: simulcast (rid
 * lines are taken out of the offer; the publisher sends one encoding), FEC/RED, REMB, ICE restart.
 */
package io.livegate.whip.session;
