/**
 * HLS egress for the gateway: {@link io.livegate.hls.HlsEgress} (one muxer per stream, lazily started and
 * stopped when idle), {@link io.livegate.hls.HlsHttpHandler} (URLs, caching, CORS, keep-alive) and
 * {@link io.livegate.hls.HlsSubscriber} (router frames into the muxer). URL layout and tags: see the module README.
 */
package io.livegate.hls;
