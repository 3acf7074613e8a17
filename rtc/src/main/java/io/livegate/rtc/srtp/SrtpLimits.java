package io.livegate.rtc.srtp;

/**
 * Bounds on per-context state.
 *
 * @param maxSsrcs            SSRCs one context tracks (ROC, replay window, SRTCP index)
 * @param replayWindowPackets replay window size in packets, a multiple of 64
 */
public record SrtpLimits(int maxSsrcs, int replayWindowPackets) {

    /** 3 simulcast layers x (video + RTX) + audio + probing is under 10; 64 leaves room and bounds state. */
    public static final int DEFAULT_MAX_SSRCS = 64;
    /** libwebrtc uses a 1024-packet window (RTX retransmissions arrive late); RFC 3711 requires at least 64. */
    public static final int DEFAULT_REPLAY_WINDOW_PACKETS = 1024;

    public static final SrtpLimits DEFAULT = new SrtpLimits(DEFAULT_MAX_SSRCS, DEFAULT_REPLAY_WINDOW_PACKETS);

    public SrtpLimits {
        if (maxSsrcs < 1) {
            throw new IllegalArgumentException("maxSsrcs must be >= 1, got " + maxSsrcs);
        }
        if (replayWindowPackets < 64 || replayWindowPackets % 64 != 0 || replayWindowPackets > 32768) {
            throw new IllegalArgumentException("replayWindowPackets must be a multiple of 64 in [64, 32768], got "
                    + replayWindowPackets);
        }
    }
}
