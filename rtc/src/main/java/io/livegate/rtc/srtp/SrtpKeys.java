package io.livegate.rtc.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * One direction's master key and master salt for a protection profile.
 *
 * @param masterKey  {@link SrtpProfile#keyLength()} bytes
 * @param masterSalt {@link SrtpProfile#saltLength()} bytes
 * @param profile    the negotiated profile
 */
public record SrtpKeys(byte[] masterKey, byte[] masterSalt, SrtpProfile profile) {

    public SrtpKeys {
        Objects.requireNonNull(profile, "profile");
        if (masterKey == null || masterKey.length != profile.keyLength()) {
            throw new IllegalArgumentException("master key must be " + profile.keyLength() + " bytes for " + profile);
        }
        if (masterSalt == null || masterSalt.length != profile.saltLength()) {
            throw new IllegalArgumentException("master salt must be " + profile.saltLength() + " bytes for " + profile);
        }
        masterKey = masterKey.clone();
        masterSalt = masterSalt.clone();
    }

    @Override
    public byte[] masterKey() {
        return masterKey.clone();
    }

    @Override
    public byte[] masterSalt() {
        return masterSalt.clone();
    }

    /** Our keys (protect what we send) and the peer's keys (unprotect what we receive). */
    public record Pair(SrtpKeys local, SrtpKeys remote) {
    }

    /**
     * Splits the output of the DTLS exporter ({@code EXTRACTOR-dtls_srtp}, length
     * {@link SrtpProfile#exportedKeyingMaterialLength()}) laid out as client key, server key, client salt,
     * server salt (RFC 5764 4.2).
     *
     * @param isClient true when we were the DTLS client (a=setup:active)
     */
    public static Pair split(byte[] exported, SrtpProfile profile, boolean isClient) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (exported == null || exported.length != profile.exportedKeyingMaterialLength()) {
            throw new IllegalArgumentException("exported keying material must be "
                    + profile.exportedKeyingMaterialLength() + " bytes for " + profile);
        }
        SrtpKeys client = new SrtpKeys(Arrays.copyOfRange(exported, 0, k),
                Arrays.copyOfRange(exported, 2 * k, 2 * k + s), profile);
        SrtpKeys server = new SrtpKeys(Arrays.copyOfRange(exported, k, 2 * k),
                Arrays.copyOfRange(exported, 2 * k + s, 2 * k + 2 * s), profile);
        return isClient ? new Pair(client, server) : new Pair(server, client);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpKeys other && profile == other.profile
                && Arrays.equals(masterKey, other.masterKey) && Arrays.equals(masterSalt, other.masterSalt);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(masterKey) + Arrays.hashCode(masterSalt)) + profile.hashCode();
    }

    /** Never prints key bytes (logs must not leak keys). */
    @Override
    public String toString() {
        return "SrtpKeys[profile=" + profile + "]";
    }
}
