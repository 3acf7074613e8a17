/** Audio transcoding for WebRTC viewers (AAC to Opus), run once per stream on a bounded worker pool. */
package io.livegate.transcode;
