package io.livegate.hls;

/**
 * Bounds on what HLS clients can make the server hold.
 *
 * @param maxParkedPerStream blocking requests parked per stream; more get 503 at once
 * @param maxViewerSessions  viewer sessions tracked per stream for counting
 * @param maxUriLength       request URI length accepted; longer gets 414
 */
public record HlsLimits(int maxParkedPerStream, int maxViewerSessions, int maxUriLength) {

    /**
     * 10,000 parked requests (a few hundred bytes each: a few MB) cover thousands of LL-HLS viewers of one stream,
     * each with a playlist and a part request outstanding, before a CDN would coalesce them.
     */
    public static final int DEFAULT_MAX_PARKED_PER_STREAM = 10_000;
    /** 50,000 sessions (about 100 bytes each) bound the viewer table to a few MB per stream. */
    public static final int DEFAULT_MAX_VIEWER_SESSIONS = 50_000;
    /** Our URIs are under 300 characters (path limit 256 plus file name and directives). */
    public static final int DEFAULT_MAX_URI_LENGTH = 1024;

    public static final HlsLimits DEFAULTS = new HlsLimits(DEFAULT_MAX_PARKED_PER_STREAM, DEFAULT_MAX_VIEWER_SESSIONS,
            DEFAULT_MAX_URI_LENGTH);

    public HlsLimits {
        if (maxParkedPerStream < 1) {
            throw new IllegalArgumentException("maxParkedPerStream must be >= 1, was " + maxParkedPerStream);
        }
        if (maxViewerSessions < 1) {
            throw new IllegalArgumentException("maxViewerSessions must be >= 1, was " + maxViewerSessions);
        }
        if (maxUriLength < 64) {
            throw new IllegalArgumentException("maxUriLength must be >= 64, was " + maxUriLength);
        }
    }
}
