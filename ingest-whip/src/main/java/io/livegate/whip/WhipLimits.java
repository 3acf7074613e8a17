package io.livegate.whip;

/**
 * Bounds on what WHIP publishers can make the gateway hold.
 *
 * @param maxSessions       publishers at once; more get 503
 * @param maxTracks         media sections accepted per publisher; further sections are rejected in the answer
 * @param maxSsrcsPerTrack  SSRCs one track may bring (media, RTX, encoder restarts); packets of further SSRCs are
 *                          dropped and counted
 * @param maxHeldFrames     frames the start-up lip-sync hold keeps; past it they go out aligned by arrival time
 */
public record WhipLimits(int maxSessions, int maxTracks, int maxSsrcsPerTrack, int maxHeldFrames) {

    /**
     * One 720p publisher at 0.8-2.5 Mbit/s took about 2.5 % of a core on its event loop once warm (measured with
     * Chromium publishing to the gateway jar): 200 is 500 Mbit/s in and about five cores; lower it on small machines.
     */
    public static final int DEFAULT_MAX_SESSIONS = 200;
    /** Browsers and OBS publish one audio and one video track; 4 leaves room for a second camera or microphone. */
    public static final int DEFAULT_MAX_TRACKS = 4;
    /** Media and RTX, each once restarted (a new encoder picks a new SSRC). */
    public static final int DEFAULT_MAX_SSRCS_PER_TRACK = 4;
    /** About 4 s of 60 fps video with 50 fps audio: the hold lasts a second, so this only stops a flood. */
    public static final int DEFAULT_MAX_HELD_FRAMES = 512;

    public static final WhipLimits DEFAULTS = new WhipLimits(DEFAULT_MAX_SESSIONS, DEFAULT_MAX_TRACKS,
            DEFAULT_MAX_SSRCS_PER_TRACK, DEFAULT_MAX_HELD_FRAMES);

    public WhipLimits {
        if (maxSessions < 1 || maxTracks < 1 || maxSsrcsPerTrack < 2 || maxHeldFrames < 1) {
            throw new IllegalArgumentException("whip limits: maxSessions, maxTracks, maxHeldFrames must be >= 1 and "
                    + "maxSsrcsPerTrack >= 2, were " + maxSessions + ", " + maxTracks + ", " + maxHeldFrames + ", "
                    + maxSsrcsPerTrack);
        }
    }

    public WhipLimits withMaxSessions(int n) {
        return new WhipLimits(n, maxTracks, maxSsrcsPerTrack, maxHeldFrames);
    }
}
