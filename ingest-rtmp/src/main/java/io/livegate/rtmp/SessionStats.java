package io.livegate.rtmp;

import java.time.Instant;

/**
 * Live counters of one RTMP connection. Written only on the connection's event loop; read from any thread
 * (fields are volatile, each written by one thread).
 */
final class SessionStats {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    final Instant started = Instant.now();
    final String protocol;
    final String remoteAddress;
    volatile String path = "";
    volatile String encoder = "";
    volatile String flashVer = "";
    volatile long bytesIn;
    volatile long bitrate;
    volatile double frameRate;
    volatile double keyframeIntervalSeconds;
    volatile long invalidTags;
    volatile long droppedTags;
    volatile long videoFrames;
    volatile long audioFrames;

    private long windowStart;
    private long windowBytes;
    private long windowFrames;
    private long lastKeyframeMs = -1;

    SessionStats(String protocol, String remoteAddress) {
        this(protocol, remoteAddress, System.nanoTime());
    }

    SessionStats(String protocol, String remoteAddress, long nowNanos) {
        this.protocol = protocol;
        this.remoteAddress = remoteAddress;
        this.windowStart = nowNanos;
    }

    void videoFrame(long timestampMs, boolean keyframe) {
        videoFrames++;
        if (keyframe) {
            if (lastKeyframeMs >= 0 && timestampMs > lastKeyframeMs) {
                keyframeIntervalSeconds = (timestampMs - lastKeyframeMs) / 1000.0;
            }
            lastKeyframeMs = timestampMs;
        }
    }

    void audioFrame() {
        audioFrames++;
    }

    /** Updates the byte count and, once a second has passed, bitrate and frame rate. */
    void bytes(long totalBytesIn) {
        bytes(totalBytesIn, System.nanoTime());
    }

    void bytes(long totalBytesIn, long now) {
        bytesIn = totalBytesIn;
        long elapsed = now - windowStart;
        if (elapsed >= WINDOW_NANOS) {
            bitrate = (totalBytesIn - windowBytes) * 8 * 1_000_000_000L / elapsed;
            frameRate = (videoFrames - windowFrames) * 1e9 / elapsed;
            windowStart = now;
            windowBytes = totalBytesIn;
            windowFrames = videoFrames;
        }
    }

    RtmpSessionInfo info() {
        return new RtmpSessionInfo(path, protocol, remoteAddress, encoder, flashVer, bytesIn, bitrate, frameRate,
                keyframeIntervalSeconds, invalidTags, droppedTags, started);
    }
}
