package io.livegate.hls;

import io.livegate.hls.muxer.MuxerConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * HLS egress settings.
 *
 * @param segmentTarget   target segment duration; a segment ends at the first keyframe after it, so a longer GOP
 *                        makes longer segments (default 1 s)
 * @param partTarget      target partial segment duration, PART-TARGET (default 200 ms)
 * @param window          complete segments listed and kept per rendition (default 7: enough for CAN-SKIP-UNTIL
 *                        of six target durations plus one)
 * @param maxBytesPerStream media bytes kept per stream, all renditions together (default 64 MiB)
 * @param blockingTimeout how long a blocking playlist or part request waits before 503 (default 3 s, three target
 *                        durations)
 * @param lazyStart       true: a stream is muxed only once someone requests it over HLS; false: every stream is muxed
 *                        from the moment it appears (default true)
 * @param idleTimeout     a lazily started muxer with no request for this long stops (default 30 s)
 * @param startTimeout    how long a first request waits for a starting muxer's first segment (default 10 s)
 * @param viewerTimeout   a viewer that stopped polling playlists for this long is no longer counted (default 10 s)
 * @param limits          bounds on what clients can make the server hold
 */
public record HlsConfig(Duration segmentTarget, Duration partTarget, int window, long maxBytesPerStream,
                        Duration blockingTimeout, boolean lazyStart, Duration idleTimeout, Duration startTimeout,
                        Duration viewerTimeout, HlsLimits limits) {

    /** 64 MiB holds 7 s of a 70 Mbit/s stream; a longer window at high bitrates needs more. */
    public static final long DEFAULT_MAX_BYTES_PER_STREAM = 64L * 1024 * 1024;

    public static final HlsConfig DEFAULTS = new HlsConfig(Duration.ofSeconds(1), Duration.ofMillis(200), 7,
            DEFAULT_MAX_BYTES_PER_STREAM, Duration.ofSeconds(3), true, Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(10), HlsLimits.DEFAULTS);

    public HlsConfig {
        Objects.requireNonNull(limits, "limits");
        requirePositive("segmentTarget", segmentTarget);
        requirePositive("partTarget", partTarget);
        requirePositive("blockingTimeout", blockingTimeout);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("startTimeout", startTimeout);
        requirePositive("viewerTimeout", viewerTimeout);
        if (partTarget.compareTo(segmentTarget) > 0) {
            throw new IllegalArgumentException("partTarget (" + partTarget + ") must not exceed segmentTarget ("
                    + segmentTarget + "): a segment is made of parts");
        }
        if (partTarget.toMillis() < 50) {
            throw new IllegalArgumentException("partTarget must be >= 50 ms (one frame or more), was " + partTarget);
        }
        if (window < 2) {
            throw new IllegalArgumentException("window must be >= 2 segments (rfc8216bis 6.2.2 wants a live playlist"
                    + " to span at least three target durations with the open segment), was " + window);
        }
        if (maxBytesPerStream < 1024 * 1024) {
            throw new IllegalArgumentException("maxBytesPerStream must be >= 1 MiB, was " + maxBytesPerStream);
        }
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
    }

    public HlsConfig withLazyStart(boolean lazy) {
        return new HlsConfig(segmentTarget, partTarget, window, maxBytesPerStream, blockingTimeout, lazy, idleTimeout,
                startTimeout, viewerTimeout, limits);
    }

    MuxerConfig muxerConfig() {
        return new MuxerConfig(segmentTarget, partTarget, window, maxBytesPerStream, blockingTimeout, startTimeout,
                limits.maxParkedPerStream(), viewerTimeout, limits.maxViewerSessions());
    }
}
