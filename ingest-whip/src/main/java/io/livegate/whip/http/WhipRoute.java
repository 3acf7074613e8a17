package io.livegate.whip.http;

import io.livegate.router.StreamRouter;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which WHIP resource a request URI names: the endpoint {@code /{path}/whip} ({@code path} may hold slashes) or a
 * session resource {@code {sessionPrefix}{id}}.
 *
 * @param kind  ENDPOINT or SESSION
 * @param value the stream path (no leading slash) or the session id
 * @param query the endpoint URL's query parameters (first value of each), for the publish hook
 */
public record WhipRoute(Kind kind, String value, Map<String, String> query) {

    /** Longest stream path accepted: core-router's. */
    public static final int MAX_PATH_LENGTH = StreamRouter.MAX_PATH_LENGTH;
    /** Session ids are 32 hex digits; anything longer is not ours. */
    public static final int MAX_SESSION_ID_LENGTH = 64;
    /** Query parameters passed to the publish hook; a publisher needs a key or two, not hundreds. */
    public static final int MAX_QUERY_PARAMETERS = 16;
    private static final String SUFFIX = "/whip";

    public enum Kind { ENDPOINT, SESSION }

    public WhipRoute {
        query = Map.copyOf(query);
    }

    /**
     * @return the route, or null when the URI is not a WHIP URL
     * @throws IllegalArgumentException when the URI is a WHIP URL with a malformed escape, a bad path or session id
     */
    public static WhipRoute parse(String uri, String sessionPrefix) {
        int q = uri.indexOf('?');
        String raw = q < 0 ? uri : uri.substring(0, q);
        if (raw.startsWith(sessionPrefix)) {
            String id = raw.substring(sessionPrefix.length());
            if (id.isEmpty() || id.length() > MAX_SESSION_ID_LENGTH || !id.chars().allMatch(
                    c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("bad session id");
            }
            return new WhipRoute(Kind.SESSION, id, Map.of());
        }
        if (!raw.endsWith(SUFFIX) || raw.length() <= SUFFIX.length() + 1 || !raw.startsWith("/")
                || raw.length() > MAX_PATH_LENGTH * 3 + SUFFIX.length() + 1) {
            return null;
        }
        String path = QueryStringDecoder.decodeComponent(raw.substring(1, raw.length() - SUFFIX.length()));
        if (!StreamRouter.isValidPath(path)) {
            throw new IllegalArgumentException("bad stream path");
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            Map<String, List<String>> params = new QueryStringDecoder(uri, java.nio.charset.StandardCharsets.UTF_8,
                    true, MAX_QUERY_PARAMETERS).parameters();
            params.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    query.put(k, v.get(0));
                }
            });
        }
        return new WhipRoute(Kind.ENDPOINT, path, query);
    }
}
