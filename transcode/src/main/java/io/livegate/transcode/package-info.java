/**
 * Audio transcoding for WebRTC viewers: AAC (ISO/IEC 14496-3) to Opus (RFC 6716, 48 kHz, 20 ms frames, as RFC
 * 7587 carries it), run once per stream on a bounded worker pool and shared by every viewer of that stream.
 * {@link io.livegate.transcode.OpusTranscoding} is the entry point. Left out: Opus to AAC (HLS keeps the
 * original AAC), surround Opus (multistream), per-viewer bitrates.
 */
package io.livegate.transcode;
