package io.livegate.whip.media;

/**
 * Extends 32-bit RTP timestamps (RFC 3550 5.1) to a 64-bit count that never wraps: each value is placed within
 * 2^31 of the highest one seen. At 90 kHz the 32-bit clock wraps every 13 hours; a long publish must not jump
 * back to zero. One thread.
 */
public final class RtpTimestampUnwrapper {

    private boolean started;
    private long highest;

    /** The extended value of {@code timestamp} (0..2^32-1). */
    public long unwrap(long timestamp) {
        long ts = timestamp & 0xFFFFFFFFL;
        if (!started) {
            started = true;
            highest = ts;
            return ts;
        }
        long ext = highest + (int) (ts - (highest & 0xFFFFFFFFL));
        if (ext > highest) {
            highest = ext;
        }
        return ext;
    }

    /** The extended value nearest the highest seen, without recording it (sender reports); raw before any packet. */
    public long peek(long timestamp) {
        long ts = timestamp & 0xFFFFFFFFL;
        return started ? highest + (int) (ts - (highest & 0xFFFFFFFFL)) : ts;
    }

    public boolean started() {
        return started;
    }
}
