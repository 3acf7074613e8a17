package io.livegate.rtc.dtls;

import java.util.Arrays;

/**
 * SRTP master keys and salts exported from DTLS (RFC 5764 §4.2). The exporter output is laid out as
 * client key, server key, client salt, server salt. The client protects what it sends with the
 * client key and salt; the server with the server's.
 */
public record SrtpKeyingMaterial(DtlsSrtpProfile profile, byte[] clientMasterKey, byte[] clientMasterSalt,
        byte[] serverMasterKey, byte[] serverMasterSalt) {

    public SrtpKeyingMaterial {
        if (clientMasterKey.length != profile.keyLength() || serverMasterKey.length != profile.keyLength()
                || clientMasterSalt.length != profile.saltLength() || serverMasterSalt.length != profile.saltLength()) {
            throw new IllegalArgumentException("key/salt lengths do not fit " + profile);
        }
        clientMasterKey = clientMasterKey.clone();
        clientMasterSalt = clientMasterSalt.clone();
        serverMasterKey = serverMasterKey.clone();
        serverMasterSalt = serverMasterSalt.clone();
    }

    /** Splits the {@code EXTRACTOR-dtls_srtp} output of {@code 2 * (key + salt)} bytes. */
    public static SrtpKeyingMaterial fromExporter(DtlsSrtpProfile profile, byte[] out) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (out.length != 2 * (k + s)) {
            throw new IllegalArgumentException("exporter output " + out.length + " bytes, expected " + 2 * (k + s));
        }
        return new SrtpKeyingMaterial(profile,
                Arrays.copyOfRange(out, 0, k),
                Arrays.copyOfRange(out, 2 * k, 2 * k + s),
                Arrays.copyOfRange(out, k, 2 * k),
                Arrays.copyOfRange(out, 2 * k + s, 2 * k + 2 * s));
    }

    /** Master key for what {@code localRole} sends (SRTP protect). */
    public byte[] protectKey(DtlsRole localRole) {
        return (localRole == DtlsRole.CLIENT ? clientMasterKey : serverMasterKey).clone();
    }

    /** Master salt for what {@code localRole} sends (SRTP protect). */
    public byte[] protectSalt(DtlsRole localRole) {
        return (localRole == DtlsRole.CLIENT ? clientMasterSalt : serverMasterSalt).clone();
    }

    /** Master key for what the peer of {@code localRole} sends (SRTP unprotect). */
    public byte[] unprotectKey(DtlsRole localRole) {
        return protectKey(localRole == DtlsRole.CLIENT ? DtlsRole.SERVER : DtlsRole.CLIENT);
    }

    /** Master salt for what the peer of {@code localRole} sends (SRTP unprotect). */
    public byte[] unprotectSalt(DtlsRole localRole) {
        return protectSalt(localRole == DtlsRole.CLIENT ? DtlsRole.SERVER : DtlsRole.CLIENT);
    }

    @Override
    public byte[] clientMasterKey() {
        return clientMasterKey.clone();
    }

    @Override
    public byte[] clientMasterSalt() {
        return clientMasterSalt.clone();
    }

    @Override
    public byte[] serverMasterKey() {
        return serverMasterKey.clone();
    }

    @Override
    public byte[] serverMasterSalt() {
        return serverMasterSalt.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpKeyingMaterial m && m.profile == profile
                && Arrays.equals(clientMasterKey, m.clientMasterKey) && Arrays.equals(clientMasterSalt, m.clientMasterSalt)
                && Arrays.equals(serverMasterKey, m.serverMasterKey) && Arrays.equals(serverMasterSalt, m.serverMasterSalt);
    }

    @Override
    public int hashCode() {
        return profile.hashCode() * 31 + Arrays.hashCode(clientMasterKey);
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "SrtpKeyingMaterial[" + profile + "]";
    }
}
