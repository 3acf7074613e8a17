/**
 * The built-in web pages: an index of live streams with publish hints, a watch page (WHEP, falling back to
 * HLS) and a broadcast page (WHIP from the browser's camera, microphone or screen). Plain HTML, CSS and ES
 * modules bundled in the jar; no build step, no third-party code, nothing fetched from elsewhere.
 *
 * <p>Served on the HTTP port under reserved prefixes that stream URLs ({@code /PATH/whep}, {@code /PATH/whip},
 * {@code /PATH/*.m3u8}) cannot take: {@code /}, {@code /watch/PATH}, {@code /broadcast/PATH} and
 * {@code /pages/FILE}; {@code /PATH/} redirects to {@code /watch/PATH}. The route goes after every module's, so a
 * stream's own URLs always win. Files are looked up by exact name in a fixed table, so no request can reach anything
 * else. Responses follow RFC 9110 (GET and HEAD, strong ETags, If-None-Match → 304) and RFC 9111
 * ({@code Cache-Control: no-cache}: revalidated each time, so an upgraded server never mixes old and new
 * files), with a Content-Security-Policy (CSP Level 3) that allows only this origin's own scripts and styles.
 *
 * <p>Left out: TLS (browsers allow the camera only on https or localhost: put a TLS proxy in front for other
 * hosts), trickle ICE and ICE servers from {@code Link} headers in the pages (LiveGate is ICE-lite on a
 * reachable address), simulcast, and localisation.
 */
package io.livegate.gateway.pages;
