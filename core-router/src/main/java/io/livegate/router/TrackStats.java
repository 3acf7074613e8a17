package io.livegate.router;

import io.livegate.media.Frame;

/**
 * Measured facts of one track: counts, bitrate and frame rate over the last window, keyframe interval, and
 * whether frames are reordered (B-frames). Written by the publisher's thread, read from anywhere.
 */
public final class TrackStats {

    private static final long WINDOW_NANOS = 2_000_000_000L;

    private volatile long frames;
    private volatile long bytes;
    private volatile long keyframes;
    private volatile boolean reordered;
    private volatile long bitrate;
    private volatile double frameRate;
    private volatile int gopFrames;
    private volatile long gopMillis;

    private long windowStart = Long.MIN_VALUE;
    private long windowBytes;
    private long windowFrames;
    private long framesSinceKeyframe;
    private long lastKeyframeDts = Long.MIN_VALUE;

    void record(Frame frame, int clockRate, boolean video) {
        long now = frame.ingestNanos();
        if (windowStart == Long.MIN_VALUE) {
            windowStart = now;
        }
        frames = frames + 1;
        bytes = bytes + frame.size();
        windowBytes += frame.size();
        windowFrames++;
        long elapsed = now - windowStart;
        if (elapsed >= WINDOW_NANOS) {
            bitrate = windowBytes * 8 * 1_000_000_000L / elapsed;
            frameRate = windowFrames * 1e9 / elapsed;
            windowStart = now;
            windowBytes = 0;
            windowFrames = 0;
        }
        if (!video) {
            return;
        }
        if (frame.pts() != frame.dts()) {
            reordered = true;
        }
        if (frame.keyframe()) {
            keyframes = keyframes + 1;
            if (lastKeyframeDts != Long.MIN_VALUE) {
                gopFrames = (int) Math.min(Integer.MAX_VALUE, framesSinceKeyframe);
                gopMillis = (frame.dts() - lastKeyframeDts) * 1000 / clockRate;
            }
            lastKeyframeDts = frame.dts();
            framesSinceKeyframe = 1;
        } else {
            framesSinceKeyframe++;
        }
    }

    public long frames() {
        return frames;
    }

    public long bytes() {
        return bytes;
    }

    public long keyframes() {
        return keyframes;
    }

    /** True once a video frame arrived with pts != dts. */
    public boolean reordered() {
        return reordered;
    }

    /** Bits per second over the last complete window (about 2 s); 0 until one completed. */
    public long bitrate() {
        return bitrate;
    }

    /** Frames per second over the last complete window. */
    public double frameRate() {
        return frameRate;
    }

    /** Frames in the last complete GOP (keyframe to keyframe); 0 until two keyframes were seen. */
    public int gopFrames() {
        return gopFrames;
    }

    /** Duration of the last complete GOP in milliseconds. */
    public long gopMillis() {
        return gopMillis;
    }
}
