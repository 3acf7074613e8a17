package io.livegate.whip.http;

import io.livegate.rtc.signaling.ResourceRoute;
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
    public static final int MAX_PATH_LENGTH = ResourceRoute.MAX_PATH_LENGTH;
    /** Session ids are 32 hex digits; anything longer is not ours. */
    public static final int MAX_SESSION_ID_LENGTH = ResourceRoute.MAX_SESSION_ID_LENGTH;
    /** Query parameters passed to the publish hook; a publisher needs a key or two, not hundreds. */
    public static final int MAX_QUERY_PARAMETERS = ResourceRoute.MAX_QUERY_PARAMETERS;

    public enum Kind { ENDPOINT, SESSION }

    public WhipRoute {
        query = Map.copyOf(query);
    }

    /**
     * @return the route, or null when the URI is not a WHIP URL
     * @throws IllegalArgumentException when the URI is a WHIP URL with a malformed escape, a bad path or session id
     */
    public static WhipRoute parse(String uri, String sessionPrefix) {
        ResourceRoute r = ResourceRoute.parse(uri, sessionPrefix, "/whip", true);
        return r == null ? null : new WhipRoute(Kind.valueOf(r.kind().name()), r.value(), r.query());
    }
}
