/**
 * WHIP resource handling (RFC 9725 4): the endpoint {@code POST /{path}/whip} (offer → 201, Location, ETag,
 * answer), the session resource (PATCH with trickle-ice-sdpfrag per RFC 8840, DELETE), OPTIONS and CORS,
 * {@code Link: rel="ice-server"} (4.6). Leaves out: ICE restart (answered 422 as 4.3.1 allows), the
 * {@code urn:ietf:params:whip:ext} extension link (4.9). The URL parsing, responses, CORS and request checks
 * WHIP shares with WHEP live in {@code io.livegate.rtc.signaling}; this package names the WHIP URLs.
 */
package io.livegate.whip.http;
