package io.livegate.hls.muxer;

import java.util.List;

/**
 * What to answer an HLS request with; the HTTP layer adds CORS and connection headers.
 *
 * @param status       HTTP status code
 * @param contentType  Content-Type, or null for errors
 * @param cacheControl Cache-Control
 * @param body         the body as chunks sent back to back (a segment is its parts), never copied
 */
public record HlsReply(int status, String contentType, String cacheControl, List<byte[]> body) {

    public static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
    /** Segments and parts never change under their name (names carry the muxer generation). */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    public HlsReply {
        body = List.copyOf(body);
    }

    public static HlsReply ok(String contentType, String cacheControl, List<byte[]> body) {
        return new HlsReply(200, contentType, cacheControl, body);
    }

    public static HlsReply error(int status, String message) {
        return new HlsReply(status, "text/plain; charset=utf-8", "no-store",
                List.of((message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public long length() {
        long n = 0;
        for (byte[] b : body) {
            n += b.length;
        }
        return n;
    }
}
