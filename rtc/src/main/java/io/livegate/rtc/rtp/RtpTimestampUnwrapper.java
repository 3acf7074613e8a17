package io.livegate.rtc.rtp;

/**
 * Extends 32-bit RTP timestamps (RFC 3550 5.1) to a 64-bit timeline starting at the first one seen, so frames keep
 * increasing across the 2^32 wrap (13.25 h at 90 kHz). Each value is placed within 2^31 of the highest one seen,
 * so a late packet does not move the reference; earlier timestamps (reordering, B-frames) may give values below
 * earlier results. One thread.
 */
public final class RtpTimestampUnwrapper {

    private boolean started;
    private long highest;

    /** The extended value of {@code rtpTimestamp} (0..2^32-1). */
    public long unwrap(long rtpTimestamp) {
        long ts = rtpTimestamp & 0xFFFFFFFFL;
        if (!started) {
            started = true;
            highest = ts;
            return ts;
        }
        long ext = nearest(ts);
        if (ext > highest) {
            highest = ext;
        }
        return ext;
    }

    /** The extended value nearest the highest seen, without recording it (sender reports); raw before any packet. */
    public long peek(long rtpTimestamp) {
        long ts = rtpTimestamp & 0xFFFFFFFFL;
        return started ? nearest(ts) : ts;
    }

    public boolean started() {
        return started;
    }

    public void reset() {
        started = false;
    }

    private long nearest(long ts) {
        return highest + (int) (ts - (highest & 0xFFFFFFFFL));
    }
}
