package io.livegate.router;

import java.time.Duration;

/**
 * Stream bus settings.
 *
 * @param gracePeriod              how long a stream outlives its publisher, so a reconnect resumes it
 * @param allowTakeover            whether a new publisher may take a path whose publisher is still live
 * @param gopCacheMaxFrames        frames kept since the latest keyframe; past this the cache is dropped until
 *                                 the next keyframe (new viewers then wait for it)
 * @param gopCacheMaxBytes         the same bound in payload bytes
 * @param keyframeRequestInterval  minimum time between keyframe requests forwarded to a publisher
 * @param maxTimestampJump         a per-track timestamp step larger than this (either way) is a discontinuity:
 *                                 the track is re-anchored to continue its timeline
 */
public record RouterConfig(Duration gracePeriod, boolean allowTakeover, int gopCacheMaxFrames, long gopCacheMaxBytes,
                           Duration keyframeRequestInterval, Duration maxTimestampJump) {

    /** 10 s of 60 fps video with 50 fps audio; GOPs longer than that are rare in live contribution. */
    public static final int DEFAULT_GOP_CACHE_MAX_FRAMES = 1200;
    /** 10 s at 25 Mbit/s. */
    public static final long DEFAULT_GOP_CACHE_MAX_BYTES = 32L * 1024 * 1024;

    public static final RouterConfig DEFAULTS = new RouterConfig(Duration.ofSeconds(10), false,
            DEFAULT_GOP_CACHE_MAX_FRAMES, DEFAULT_GOP_CACHE_MAX_BYTES, Duration.ofMillis(500), Duration.ofSeconds(10));

    public RouterConfig {
        if (gracePeriod.isNegative() || keyframeRequestInterval.isNegative() || maxTimestampJump.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (gopCacheMaxFrames < 0 || gopCacheMaxBytes < 0) {
            throw new IllegalArgumentException("GOP cache bounds must not be negative");
        }
    }
}
