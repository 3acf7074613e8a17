/**
 * WHEP resource handling (draft-ietf-wish-whep, with RFC 9725's WHIP rules it reuses): the endpoint
 * {@code POST /{path}/whep} (client offer → 201, Location, ETag, answer), the session resource (PATCH
 * trickle-ice-sdpfrag per RFC 8840 incl. ICE restart with If-Match, DELETE), OPTIONS and CORS, Link
 * rel="ice-server". Leaves out: server-offer mode (draft-murillo-whep-01), bearer tokens (the gateway's auth
 * hook sits in front). The URL parsing, responses, CORS and request checks WHEP shares with WHIP live in
 * {@code io.livegate.rtc.signaling}; this package names the WHEP URLs.
 */
package io.livegate.whep.http;
