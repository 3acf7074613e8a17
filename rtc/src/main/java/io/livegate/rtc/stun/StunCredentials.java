package io.livegate.rtc.stun;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;

/** MESSAGE-INTEGRITY keys (RFC 8489 §9). */
public final class StunCredentials {
    private StunCredentials() {}

    /** Short-term credential key: the password after OpaqueString preparation (ICE pwd is ASCII). */
    public static byte[] shortTermKey(String password) {
        return prepare(password).getBytes(StandardCharsets.UTF_8);
    }

    /** Long-term credential key MD5(username ":" realm ":" password) (§9.2.2), for the RFC 5769 vector. */
    public static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5").digest(
                    (prepare(username) + ":" + realm + ":" + prepare(password)).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /**
     * A small subset of SASLprep/OpaqueString: drop soft hyphens and zero-width characters mapped
     * to nothing, then NFKC. Enough for ICE passwords and the RFC 5769 long-term vector.
     */
    static String prepare(String s) {
        String mapped = s.replace("\u00AD", "").replace("\u200B", "").replace("\uFEFF", "");
        return Normalizer.normalize(mapped, Normalizer.Form.NFKC);
    }
}
