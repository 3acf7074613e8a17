package io.livegate.rtc.srtp;

/** A small bounded SSRC → state map with no boxing on lookup (linear probe over a few entries). */
final class SsrcTable {

    private final SsrcState[] states;
    private final int windowSize;
    private int count;
    private SsrcState last;

    SsrcTable(SrtpLimits limits) {
        this.states = new SsrcState[limits.maxSsrcs()];
        this.windowSize = limits.replayWindowPackets();
    }

    /** The state of this SSRC, created if new (for what we send, or after a packet authenticated). */
    SsrcState get(int ssrc) {
        SsrcState s = find(ssrc);
        return s != null ? s : create(ssrc);
    }

    /** The state of this SSRC, or null: receive paths look up before authenticating and create after. */
    SsrcState find(int ssrc) {
        SsrcState l = last;
        if (l != null && l.ssrc == ssrc) {
            return l;
        }
        for (int i = 0; i < count; i++) {
            if (states[i].ssrc == ssrc) {
                last = states[i];
                return states[i];
            }
        }
        return null;
    }

    /** A fresh state that is not in the table yet. */
    SsrcState candidate(int ssrc) {
        return new SsrcState(ssrc, windowSize);
    }

    /** Adds a state made by {@link #candidate} once its first packet authenticated. */
    void add(SsrcState s) {
        if (count == states.length) {
            throw new SrtpException(SrtpException.Reason.TOO_MANY_SSRCS,
                    "ssrc " + Integer.toUnsignedString(s.ssrc) + " would exceed " + states.length + " SSRCs");
        }
        states[count++] = s;
        last = s;
    }

    private SsrcState create(int ssrc) {
        if (count == states.length) {
            throw new SrtpException(SrtpException.Reason.TOO_MANY_SSRCS,
                    "ssrc " + Integer.toUnsignedString(ssrc) + " would exceed " + states.length + " SSRCs");
        }
        SsrcState s = new SsrcState(ssrc, windowSize);
        states[count++] = s;
        last = s;
        return s;
    }

    boolean full() {
        return count == states.length;
    }

    int size() {
        return count;
    }
}
