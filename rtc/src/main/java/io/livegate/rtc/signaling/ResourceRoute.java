package io.livegate.rtc.signaling;

import io.livegate.router.StreamRouter;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which WebRTC resource a request URI names: the endpoint {@code /{path}{suffix}} ({@code path} may hold slashes;
 * RFC 9725 4.1) or a session resource {@code {sessionPrefix}{id}}.
 *
 * @param kind  ENDPOINT or SESSION
 * @param value the stream path (no leading slash) or the session id
 * @param query the endpoint URL's query parameters (first value of each) when asked for, else empty
 */
public record ResourceRoute(Kind kind, String value, Map<String, String> query) {

    /** Longest stream path accepted: core-router's. */
    public static final int MAX_PATH_LENGTH = StreamRouter.MAX_PATH_LENGTH;
    /** Session ids are 32 hex digits; anything longer is not ours. */
    public static final int MAX_SESSION_ID_LENGTH = 64;
    /** Query parameters kept; a publisher needs a key or two, not hundreds. */
    public static final int MAX_QUERY_PARAMETERS = 16;

    public enum Kind { ENDPOINT, SESSION }

    public ResourceRoute {
        query = Map.copyOf(query);
    }

    /**
     * @param suffix    the endpoint's last segment with its slash ({@code /whip}, {@code /whep})
     * @param withQuery whether to read the endpoint's query parameters (at most {@link #MAX_QUERY_PARAMETERS})
     * @return the route, or null when the URI is neither the endpoint nor a session resource
     * @throws IllegalArgumentException when the URI is ours with a malformed escape, a bad path or session id
     */
    public static ResourceRoute parse(String uri, String sessionPrefix, String suffix, boolean withQuery) {
        int q = uri.indexOf('?');
        String raw = q < 0 ? uri : uri.substring(0, q);
        if (raw.startsWith(sessionPrefix)) {
            String id = raw.substring(sessionPrefix.length());
            if (id.isEmpty() || id.length() > MAX_SESSION_ID_LENGTH || !id.chars().allMatch(
                    c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("bad session id");
            }
            return new ResourceRoute(Kind.SESSION, id, Map.of());
        }
        if (!raw.endsWith(suffix) || raw.length() <= suffix.length() + 1 || !raw.startsWith("/")) {
            return null;
        }
        // Bound before decoding: each path character is at most one %XX escape.
        if (raw.length() > MAX_PATH_LENGTH * 3 + suffix.length() + 1) {
            throw new IllegalArgumentException("bad stream path: " + raw.length() + " characters, limit "
                    + (MAX_PATH_LENGTH * 3 + suffix.length() + 1));
        }
        String path = QueryStringDecoder.decodeComponent(raw.substring(1, raw.length() - suffix.length()));
        if (!StreamRouter.isValidPath(path)) {
            throw new IllegalArgumentException("bad stream path");
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (withQuery && q >= 0) {
            Map<String, List<String>> params = new QueryStringDecoder(uri, StandardCharsets.UTF_8, true,
                    MAX_QUERY_PARAMETERS).parameters();
            params.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    query.put(k, v.get(0));
                }
            });
        }
        return new ResourceRoute(Kind.ENDPOINT, path, query);
    }
}
