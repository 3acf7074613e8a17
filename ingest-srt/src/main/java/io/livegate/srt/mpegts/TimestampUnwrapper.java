package io.livegate.srt.mpegts;

/**
 * Turns 33-bit PTS/DTS values (90 kHz, wrapping every 26.5 hours) into a 64-bit timeline. One instance serves
 * a whole program, so audio and video stay on the same epoch across a wrap: each value is placed in the epoch
 * nearest to the value seen before it. The timeline starts one epoch (2^33) above zero so that a stream whose
 * audio starts just before its video across a wrap never goes negative.
 */
public final class TimestampUnwrapper {

    public static final long WRAP = 1L << 33;
    private static final long MASK = WRAP - 1;

    private long last = Long.MIN_VALUE;

    public long unwrap(long ts33) {
        ts33 &= MASK;
        if (last == Long.MIN_VALUE) {
            last = WRAP + ts33;
            return last;
        }
        long candidate = (last & ~MASK) + ts33;
        long diff = candidate - last;
        if (diff > WRAP / 2) {
            candidate -= WRAP;
        } else if (diff < -WRAP / 2) {
            candidate += WRAP;
        }
        last = candidate;
        return candidate;
    }

    /** Forgets the epoch (after a discontinuity the next value starts a new timeline reference). */
    public void reset() {
        last = Long.MIN_VALUE;
    }
}
