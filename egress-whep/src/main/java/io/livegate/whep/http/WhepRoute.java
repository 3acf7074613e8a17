package io.livegate.whep.http;

import io.livegate.rtc.signaling.ResourceRoute;

/**
 * Which WHEP resource a request URI names: the stream endpoint {@code /{path}/whep} ({@code path} may hold
 * slashes) or a session resource {@code {sessionPrefix}{id}}.
 *
 * @param kind  ENDPOINT or SESSION
 * @param value the stream path (no leading slash) or the session id
 */
public record WhepRoute(Kind kind, String value) {

    /** Longest stream path accepted: core-router's. */
    public static final int MAX_PATH_LENGTH = ResourceRoute.MAX_PATH_LENGTH;
    /** Session ids are 32 hex digits; anything longer is not ours. */
    public static final int MAX_SESSION_ID_LENGTH = ResourceRoute.MAX_SESSION_ID_LENGTH;

    public enum Kind { ENDPOINT, SESSION }

    /**
     * @return the route, or null when the URI is not a WHEP URL
     * @throws IllegalArgumentException when the URI is a WHEP URL with a malformed escape or a bad path
     */
    public static WhepRoute parse(String uri, String sessionPrefix) {
        ResourceRoute r = ResourceRoute.parse(uri, sessionPrefix, "/whep", false);
        return r == null ? null : new WhepRoute(Kind.valueOf(r.kind().name()), r.value());
    }
}
