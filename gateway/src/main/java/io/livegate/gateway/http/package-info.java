/**
 * The one HTTP/1.1 server (RFC 9112) every module's endpoints share: WHIP, WHEP, HLS, the API, pages,
 * metrics and health. Protocol modules expose handlers; {@link io.livegate.gateway.http.HttpRequestRouter}
 * tries them in order. Request bodies are aggregated with a bound (413 beyond it); keep-alive and idle
 * timeouts are handled in the pipeline, not by the handlers.
 */
package io.livegate.gateway.http;
