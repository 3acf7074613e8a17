/**
 * SDP for WebRTC: a typed model (RFC 8866) with parser and writer, and offer/answer helpers for a server
 * that answers a browser's offer (RFC 3264, RFC 8829 JSEP 5.3).
 *
 * <p>Typed attributes: group/BUNDLE (RFC 5888, 8843), mid, rtcp-mux, rtcp-rsize, ice-ufrag/ice-pwd/
 * ice-options/ice-lite and candidates (RFC 8839), fingerprint and setup (RFC 8122, 4145), rtpmap, fmtp,
 * rtcp-fb (RFC 4585), extmap with direction (RFC 8285), ssrc and ssrc-group (RFC 5576), msid (RFC 8830),
 * rid (RFC 8851), simulcast (RFC 8853), direction attributes. Every other attribute and line is kept as
 * written, so parse then write then parse gives an equal model.
 *
 * <p>Negotiation ({@link io.livegate.rtc.sdp.SdpAnswerer}): one codec per media section chosen from the
 * offer by the server's preference (H.264 per RFC 6184 8.1: same profile, same packetization-mode),
 * its RTX pair (RFC 4588), the intersection of rtcp-fb and header extensions, the answer direction, ICE-lite
 * credentials and candidates, our fingerprint and DTLS role. {@link io.livegate.rtc.sdp.SdpOfferer} makes a
 * server offer (WHEP, draft-murillo-whep-01) and reads the client's answer into the same shape;
 * {@link io.livegate.rtc.sdp.SdpFragment} reads trickle-ice-sdpfrag bodies (RFC 8840).
 *
 * <p>Left out: SDES crypto (a=crypto), RFC 8866 time zones and repeat times as typed values (kept raw),
 * data channels (m=application is rejected in answers), multiple codecs per answered section.
 */
package io.livegate.rtc.sdp;
