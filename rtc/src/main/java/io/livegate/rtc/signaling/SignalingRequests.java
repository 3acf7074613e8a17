package io.livegate.rtc.signaling;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/** What WHIP and WHEP read from a request the same way: bearer token, If-Match, media type. */
public final class SignalingRequests {

    private SignalingRequests() {
    }

    /** The {@code Authorization: Bearer} token (RFC 9725 4.5, RFC 6750 2.1), or null when there is none. */
    public static String bearer(FullHttpRequest req) {
        String h = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (h == null || h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = h.substring(7).trim();
        return t.isEmpty() ? null : t;
    }

    /** True when {@code wanted} is null (no token needed) or the request carries it; constant-time compare. */
    public static boolean bearerMatches(FullHttpRequest req, String wanted) {
        return wanted == null || MessageDigest.isEqual(wanted.getBytes(StandardCharsets.UTF_8),
                String.valueOf(bearer(req)).getBytes(StandardCharsets.UTF_8));
    }

    /** True unless the request has an {@code If-Match} other than {@code *} or {@code etag} (RFC 9725 4.3.1). */
    public static boolean ifMatches(FullHttpRequest req, String etag) {
        String ifMatch = req.headers().get(HttpHeaderNames.IF_MATCH);
        return ifMatch == null || ifMatch.equals("*") || ifMatch.equals(etag);
    }

    /** The request's {@code If-Match}, or null. */
    public static String ifMatch(FullHttpRequest req) {
        return req.headers().get(HttpHeaderNames.IF_MATCH);
    }

    /** The {@code Content-Type}, lower case, "" when absent. */
    public static String contentType(FullHttpRequest req) {
        return req.headers().get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(Locale.ROOT);
    }
}
