/**
 * The shared WebRTC port: one UDP socket (default 8189) for every session, demultiplexed by first
 * byte as RFC 7983 §7 sorts it (STUN 0-3, DTLS 20-63, RTP/RTCP 128-191), sessions found by the ICE
 * ufrag in STUN USERNAME and afterwards by remote address (the address is bound only after an
 * authenticated check); passive ICE-TCP (RFC 6544 §3 two-byte framing) on the same port number;
 * one {@link io.livegate.rtc.transport.WebRtcTransport} per session that joins ICE-lite, DTLS and
 * raw SRTP/SRTCP datagrams; pending sessions for server offers (the peer's ICE credentials,
 * fingerprint and DTLS role bound when its answer arrives, early checks answered as RFC 8445 §7.3
 * asks of an agent that has not seen the answer yet). Netty epoll with recvmmsg and batched writes (one flush per event-loop
 * turn) where available, NIO otherwise.
 *
 * <p>Left out on purpose: SRTP itself (the caller protects and unprotects; this package hands over
 * keys and datagrams), SCTP data channels, TURN, ICE-TCP active/so candidates, several sockets on
 * the port with SO_REUSEPORT, and UDP GSO.
 */
package io.livegate.rtc.transport;
