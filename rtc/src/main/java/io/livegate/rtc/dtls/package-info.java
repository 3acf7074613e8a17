/**
 * DTLS 1.2 (RFC 6347) for WebRTC on Bouncy Castle's bctls: a self-signed ECDSA P-256 certificate
 * made at start (RFC 8827 §6.5), its SHA-256 fingerprint for SDP (RFC 8122 §5), both roles
 * (client for a=setup:active, server for a=setup:passive, RFC 8842 §5), mutual authentication
 * checked against the remote SDP fingerprint, use_srtp negotiation (RFC 5764 §4.1) of
 * SRTP_AES128_CM_HMAC_SHA1_80 and SRTP_AEAD_AES_128_GCM (RFC 7714 §14.2), and the
 * {@code EXTRACTOR-dtls_srtp} exporter (RFC 5764 §4.2) split into {@link
 * io.livegate.rtc.dtls.SrtpKeyingMaterial}. BC handles retransmission timers; the handshake has an
 * overall bound.
 *
 * <p>Left out on purpose: DTLS 1.3, renegotiation, session resumption, loading a certificate from
 * disk, RSA certificates of our own, MKI, and application data (SCTP data channels are not in scope).
 * The BC handshake blocks, so {@link io.livegate.rtc.dtls.DtlsHandshake#run} must run on a bounded
 * executor, never on an event loop; datagrams reach it through {@link
 * io.livegate.rtc.dtls.DtlsPacketTransport}.
 */
package io.livegate.rtc.dtls;
