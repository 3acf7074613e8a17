package io.livegate.rtc.ice;

import java.security.SecureRandom;

/**
 * ICE username fragment and password (RFC 8445 §5.3): ice-chars only, ufrag at least 24 bits of
 * randomness, pwd at least 128 bits. We generate 8 and 24 characters (48 and 144 bits).
 */
public record IceCredentials(String ufrag, String pwd) {
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 8839 §5.4: ufrag 4..256 characters, pwd 22..256 characters. */
    static final int MAX_LENGTH = 256;

    public IceCredentials {
        check(ufrag, 4, "ufrag");
        check(pwd, 22, "pwd");
    }

    public static IceCredentials random() {
        return new IceCredentials(randomString(8), randomString(24));
    }

    private static String randomString(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length()));
        }
        return new String(c);
    }

    private static void check(String s, int min, String what) {
        if (s == null || s.length() < min || s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("ICE " + what + " must be " + min + ".." + MAX_LENGTH + " characters, got "
                    + (s == null ? "null" : s.length()));
        }
        for (int i = 0; i < s.length(); i++) {
            if (ICE_CHARS.indexOf(s.charAt(i)) < 0) {
                throw new IllegalArgumentException("ICE " + what + " has a character outside ice-char at index " + i);
            }
        }
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", pwd=<hidden>]";
    }
}
