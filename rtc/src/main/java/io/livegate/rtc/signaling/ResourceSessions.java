package io.livegate.rtc.signaling;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions behind one endpoint's resources, by id, with what PATCH and DELETE check against: the remote ICE
 * ufrag (to tell an ICE restart from a trickled candidate, RFC 9725 4.3) and the bearer token the session was
 * created with (4.5). Thread-safe: HTTP requests and session event loops both touch it.
 *
 * @param <S> the protocol's session type
 */
public final class ResourceSessions<S> {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, S> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> remoteUfrags = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** A new session id: 128 random bits as 32 hex digits, unguessable, so the URL is the capability. */
    public static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A new entity-tag for a session's ICE state (RFC 9725 4.3.1): a quoted random 64-bit hex string. */
    public static String newEtag() {
        return "\"" + Long.toHexString(RANDOM.nextLong()) + "\"";
    }

    /**
     * Adds a session.
     *
     * @param remoteUfrag the peer's ICE ufrag, or null until it is known (WHEP server offers)
     * @param token       the bearer token it was created with, or null
     */
    public void put(String id, S session, String remoteUfrag, String token) {
        sessions.put(id, session);
        if (remoteUfrag != null) {
            remoteUfrags.put(id, remoteUfrag);
        }
        if (token != null) {
            tokens.put(id, token);
        }
    }

    public S get(String id) {
        return sessions.get(id);
    }

    public int size() {
        return sessions.size();
    }

    /** The peer's ICE ufrag, or null. */
    public String remoteUfrag(String id) {
        return remoteUfrags.get(id);
    }

    /** After an ICE restart or a server offer's answer. */
    public void setRemoteUfrag(String id, String ufrag) {
        remoteUfrags.put(id, ufrag);
    }

    /** The bearer token the session was created with, or null when none. */
    public String token(String id) {
        return tokens.get(id);
    }

    /** Forgets the session (when it ends). */
    public void remove(String id, S session) {
        sessions.remove(id, session);
        remoteUfrags.remove(id);
        tokens.remove(id);
    }

    /** A snapshot of every session. */
    public List<S> all() {
        return List.copyOf(sessions.values());
    }
}
