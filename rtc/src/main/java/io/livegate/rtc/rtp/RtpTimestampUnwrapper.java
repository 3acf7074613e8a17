package io.livegate.rtc.rtp;

/**
 * Extends 32-bit RTP timestamps to a 64-bit timeline starting at the first one seen, so frames keep
 * increasing across the 2^32 wrap (13.25 h at 90 kHz). A step of up to 2^31 either way is read as the
 * nearest; earlier timestamps (reordering, B-frames) may give values below earlier results. One thread.
 */
public final class RtpTimestampUnwrapper {

    private boolean started;
    private long last;

    public long unwrap(long rtpTimestamp) {
        long ts = rtpTimestamp & 0xFFFFFFFFL;
        if (!started) {
            started = true;
            last = ts;
            return ts;
        }
        long delta = (int) (ts - (last & 0xFFFFFFFFL));
        last += delta;
        return last;
    }

    public void reset() {
        started = false;
    }
}
