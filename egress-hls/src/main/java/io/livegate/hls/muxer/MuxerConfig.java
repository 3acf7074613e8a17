package io.livegate.hls.muxer;

import java.time.Duration;

/**
 * A muxer's settings (see {@code io.livegate.hls.HlsConfig} for the meaning and defaults of each).
 *
 * @param segmentTarget    target segment duration; segments end on the first keyframe after it
 * @param partTarget       target part duration (PART-TARGET)
 * @param window           complete segments kept and listed
 * @param maxBytes         bytes of media kept for the stream, all renditions together
 * @param blockingTimeout  how long a blocking request waits before 503
 * @param startTimeout     how long a request waits for a starting muxer's first segment before 503
 * @param maxParked        parked requests per stream; more are refused with 503
 * @param viewerTimeout    a viewer that has not polled a playlist for this long is gone
 * @param maxViewers       viewer sessions tracked per stream
 */
public record MuxerConfig(Duration segmentTarget, Duration partTarget, int window, long maxBytes,
                          Duration blockingTimeout, Duration startTimeout, int maxParked, Duration viewerTimeout,
                          int maxViewers) {

    public MuxerConfig {
        if (partTarget.isNegative() || partTarget.isZero() || segmentTarget.compareTo(partTarget) < 0) {
            throw new IllegalArgumentException("need 0 < partTarget (" + partTarget + ") <= segmentTarget ("
                    + segmentTarget + ")");
        }
        if (window < 2) {
            throw new IllegalArgumentException("window must be >= 2 segments, was " + window);
        }
        if (maxBytes <= 0 || maxParked <= 0 || maxViewers <= 0) {
            throw new IllegalArgumentException("maxBytes, maxParked and maxViewers must be > 0");
        }
    }
}
