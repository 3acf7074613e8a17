package io.livegate.rtc.dtls;

/** SRTP protection profiles we negotiate in use_srtp, with their master key and salt lengths. */
public enum DtlsSrtpProfile {
    /** RFC 5764 §4.1.2, profile 0x0001: AES-128 counter mode, HMAC-SHA1 80-bit tag. */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14),
    /** RFC 7714 §14.2, profile 0x0007: AEAD AES-128-GCM, 96-bit salt. */
    AEAD_AES_128_GCM(0x0007, 16, 12);

    private final int id;
    private final int keyLength;
    private final int saltLength;

    DtlsSrtpProfile(int id, int keyLength, int saltLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** The IANA SRTPProtectionProfile value. */
    public int id() {
        return id;
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    static DtlsSrtpProfile ofId(int id) {
        for (DtlsSrtpProfile p : values()) {
            if (p.id == id) {
                return p;
            }
        }
        return null;
    }
}
