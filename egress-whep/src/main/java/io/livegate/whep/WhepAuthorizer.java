package io.livegate.whep;

/**
 * Decides whether a viewer may play a stream (the gateway's auth hook). PATCH and DELETE on a session then need
 * the same bearer token as the POST that created it (RFC 9725 4.5, as WHEP reuses it).
 */
@FunctionalInterface
public interface WhepAuthorizer {

    /** Everyone may play. */
    WhepAuthorizer ALLOW_ALL = (path, token, remote) -> true;

    /**
     * @param path          the stream
     * @param bearerToken   the {@code Authorization: Bearer} token, or null when absent
     * @param remoteAddress the HTTP client
     */
    boolean mayPlay(String path, String bearerToken, String remoteAddress);
}
