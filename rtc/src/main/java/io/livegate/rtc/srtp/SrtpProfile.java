package io.livegate.rtc.srtp;

/**
 * The SRTP protection profiles we negotiate in DTLS use_srtp (RFC 5764 4.1.2, RFC 7714 14.2), with the
 * transform lengths each implies.
 */
public enum SrtpProfile {
    /** The WebRTC baseline every browser offers (RFC 8827 6.5). */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 20, 10, 10, false),
    /** Short RTP tag; SRTCP keeps the 80-bit tag (RFC 5764 4.1.2). */
    AES_CM_128_HMAC_SHA1_32(0x0002, 16, 14, 20, 4, 10, false),
    /** RFC 7714; preferred by Chrome and Firefox when both sides offer it. */
    AEAD_AES_128_GCM(0x0007, 16, 12, 0, 16, 16, true),
    AEAD_AES_256_GCM(0x0008, 32, 12, 0, 16, 16, true);

    private final int dtlsId;
    private final int keyLength;
    private final int saltLength;
    private final int authKeyLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;
    private final boolean aead;

    SrtpProfile(int dtlsId, int keyLength, int saltLength, int authKeyLength, int rtpTagLength,
                int rtcpTagLength, boolean aead) {
        this.dtlsId = dtlsId;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.authKeyLength = authKeyLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
        this.aead = aead;
    }

    /** The SRTPProtectionProfile value in the DTLS use_srtp extension. */
    public int dtlsId() {
        return dtlsId;
    }

    /** Master and session cipher key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Master and session salt length in bytes (14 for AES-CM, 12 for GCM). */
    public int saltLength() {
        return saltLength;
    }

    /** Session authentication key length in bytes (0 for AEAD). */
    public int authKeyLength() {
        return authKeyLength;
    }

    /** Bytes the SRTP transform appends to an RTP packet. */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /** Bytes the SRTCP transform appends after the E||SRTCP index word. */
    public int rtcpTagLength() {
        return rtcpTagLength;
    }

    /** Bytes protectRtcp adds: the 4-byte E||index word plus the tag. */
    public int rtcpOverhead() {
        return 4 + rtcpTagLength;
    }

    public boolean isAead() {
        return aead;
    }

    /** Keying material bytes to export from DTLS: 2 * (key + salt), RFC 5764 4.2. */
    public int exportedKeyingMaterialLength() {
        return 2 * (keyLength + saltLength);
    }

    /** The profile with this use_srtp id, or null when we do not implement it. */
    public static SrtpProfile fromDtlsId(int id) {
        for (SrtpProfile p : values()) {
            if (p.dtlsId == id) {
                return p;
            }
        }
        return null;
    }
}
