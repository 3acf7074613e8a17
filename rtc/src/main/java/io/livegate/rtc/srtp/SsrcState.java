package io.livegate.rtc.srtp;

/**
 * Per-SSRC crypto state of one context: the rollover counter and highest sequence number (RFC 3711 3.3.1),
 * the RTP and RTCP replay windows, and the next SRTCP index we send.
 */
final class SsrcState {

    final int ssrc;
    private boolean started;
    private long highestIndex;
    final ReplayWindow rtpReplay;
    final ReplayWindow rtcpReplay;
    int nextSrtcpIndex;

    SsrcState(int ssrc, int windowSize) {
        this.ssrc = ssrc;
        this.rtpReplay = new ReplayWindow(windowSize);
        this.rtcpReplay = new ReplayWindow(windowSize);
    }

    /**
     * The 48-bit packet index for this sequence number (RFC 3711 Appendix A): picks ROC-1, ROC or ROC+1,
     * whichever puts the index closest to the highest one seen. Returns -1 for a packet from before the
     * first rollover we know of (ROC would be negative).
     */
    long estimateIndex(int seq) {
        if (!started) {
            return seq;
        }
        long roc = highestIndex >>> 16;
        int sl = (int) (highestIndex & 0xFFFF);
        long v;
        if (sl < 32768) {
            v = seq - sl > 32768 ? roc - 1 : roc;
        } else {
            v = sl - 32768 > seq ? roc + 1 : roc;
        }
        if (v < 0) {
            return -1;
        }
        return (v << 16) | seq;
    }

    /** Records an authenticated (or sent) index: advances ROC and the highest sequence number. */
    void update(long index) {
        if (!started || index > highestIndex) {
            highestIndex = index;
            started = true;
        }
    }

    long roc() {
        return highestIndex >>> 16;
    }

    /** For tests and for resuming a stream whose ROC is known out of band. */
    void set(long index) {
        highestIndex = index;
        started = true;
    }
}
