package io.livegate.hls;

/**
 * One muxed stream, for the API and metrics.
 *
 * @param path        stream path
 * @param segments    segments written since the muxer started (all renditions)
 * @param parts       parts written since the muxer started (all renditions)
 * @param viewers     sessions that polled a playlist within the viewer timeout
 * @param bytesServed response body bytes sent for this stream
 */
public record HlsStreamInfo(String path, long segments, long parts, int viewers, long bytesServed) {
}
