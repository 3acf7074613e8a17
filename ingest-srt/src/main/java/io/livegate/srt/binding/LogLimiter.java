package io.livegate.srt.binding;

/**
 * Bounds how many lines a repeated event logs: at most {@code perWindow} per window, then silence, and the
 * first line of the next window says how many were left out. A caller retrying a rejected handshake in a loop
 * would otherwise write a line per attempt (ours and libsrt's). Thread-safe.
 */
public final class LogLimiter {

    private final int perWindow;
    private final long windowNanos;
    private long windowStart = Long.MIN_VALUE;
    private int logged;
    private long suppressed;

    public LogLimiter(int perWindow, long windowNanos) {
        this.perWindow = perWindow;
        this.windowNanos = windowNanos;
    }

    /**
     * @return -1 when this event must not be logged; otherwise how many events went unlogged before it
     */
    public synchronized long admit(long nowNanos) {
        if (windowStart == Long.MIN_VALUE || nowNanos - windowStart >= windowNanos) {
            windowStart = nowNanos;
            logged = 0;
        }
        if (logged >= perWindow) {
            suppressed++;
            return -1;
        }
        logged++;
        long s = suppressed;
        suppressed = 0;
        return s;
    }
}
