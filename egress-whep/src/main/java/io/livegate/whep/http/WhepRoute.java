package io.livegate.whep.http;

import io.livegate.router.StreamRouter;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Which WHEP resource a request URI names: the stream endpoint {@code /{path}/whep} ({@code path} may hold
 * slashes) or a session resource {@code {sessionPrefix}{id}}.
 *
 * @param kind  ENDPOINT or SESSION
 * @param value the stream path (no leading slash) or the session id
 */
public record WhepRoute(Kind kind, String value) {

    /** Longest stream path accepted: core-router's. */
    public static final int MAX_PATH_LENGTH = StreamRouter.MAX_PATH_LENGTH;
    /** Session ids are 32 hex digits; anything longer is not ours. */
    public static final int MAX_SESSION_ID_LENGTH = 64;

    public enum Kind { ENDPOINT, SESSION }

    /**
     * @return the route, or null when the URI is not a WHEP URL
     * @throws IllegalArgumentException when the URI is a WHEP URL with a malformed escape or a bad path
     */
    public static WhepRoute parse(String uri, String sessionPrefix) {
        int q = uri.indexOf('?');
        String raw = q < 0 ? uri : uri.substring(0, q);
        if (raw.startsWith(sessionPrefix)) {
            String id = raw.substring(sessionPrefix.length());
            if (id.isEmpty() || id.length() > MAX_SESSION_ID_LENGTH || !id.chars().allMatch(
                    c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("bad session id");
            }
            return new WhepRoute(Kind.SESSION, id);
        }
        if (!raw.endsWith("/whep") || raw.length() <= "/whep".length() + 1 || !raw.startsWith("/")) {
            return null;
        }
        String path = QueryStringDecoder.decodeComponent(raw.substring(1, raw.length() - "/whep".length()));
        if (!StreamRouter.isValidPath(path)) {
            throw new IllegalArgumentException("bad stream path");
        }
        return new WhepRoute(Kind.ENDPOINT, path);
    }
}
