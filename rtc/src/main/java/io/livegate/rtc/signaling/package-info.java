/**
 * The HTTP side of a WebRTC resource that WHIP (RFC 9725) and WHEP (draft-ietf-wish-whep) share: resource URLs
 * ({@link io.livegate.rtc.signaling.ResourceRoute}: the endpoint {@code /{path}/whip|whep} and the session resource,
 * RFC 9725 4.1), responses ({@link io.livegate.rtc.signaling.SignalingResponses}: SDP bodies, 201 with Location,
 * ETag and Accept-Patch (4.2), OPTIONS and CORS (4.2, 4.5), {@code Link: rel="ice-server"} (4.6), errors with their
 * status and a Bearer challenge (4.5)), request checks ({@link io.livegate.rtc.signaling.SignalingRequests}: bearer
 * token, If-Match (4.3.1), media types), the session table with each session's remote ufrag and token
 * ({@link io.livegate.rtc.signaling.ResourceSessions}), and the offer's ICE/DTLS identity and our candidates as SDP
 * ({@link io.livegate.rtc.signaling.IceAttributes}, RFC 8839 5.1/5.4, RFC 8842 5).
 *
 * <p>Left out on purpose: which methods a resource takes, the answer itself, publish/play authorisation, ICE
 * restart and server-offer mode: they differ between WHIP and WHEP and stay in ingest-whip and egress-whep.
 */
package io.livegate.rtc.signaling;
