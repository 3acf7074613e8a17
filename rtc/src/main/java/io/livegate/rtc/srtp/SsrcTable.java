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

    SsrcState get(int ssrc) {
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
        if (count == states.length) {
            throw new SrtpException(SrtpException.Reason.TOO_MANY_SSRCS,
                    "ssrc " + Integer.toUnsignedString(ssrc) + " would exceed " + states.length + " SSRCs");
        }
        SsrcState s = new SsrcState(ssrc, windowSize);
        states[count++] = s;
        last = s;
        return s;
    }

    int size() {
        return count;
    }
}
