package io.livegate.rtc.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-CM pseudo-random function of RFC 3711 4.3.1 and 4.3.3 with key derivation rate 0: the IV is the
 * master salt (left-aligned in 14 bytes; RFC 7714's 12-byte salt is zero-padded) XOR the label at byte 7,
 * shifted left 16 bits.
 */
final class SrtpKeyDerivation {

    static final int LABEL_RTP_ENCRYPTION = 0x00;
    static final int LABEL_RTP_AUTH = 0x01;
    static final int LABEL_RTP_SALT = 0x02;
    static final int LABEL_RTCP_ENCRYPTION = 0x03;
    static final int LABEL_RTCP_AUTH = 0x04;
    static final int LABEL_RTCP_SALT = 0x05;

    private SrtpKeyDerivation() {
    }

    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, Math.min(masterSalt.length, 14));
        iv[7] ^= (byte) label;
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
            return aes.doFinal(new byte[length]);
        } catch (GeneralSecurityException e) {
            throw new SrtpException(SrtpException.Reason.CRYPTO, "key derivation failed", e);
        }
    }

    /** Session keys for RTP (labels 0-2) or RTCP (labels 3-5). */
    static SessionKeys sessionKeys(SrtpKeys keys, boolean rtcp) {
        SrtpProfile p = keys.profile();
        int base = rtcp ? LABEL_RTCP_ENCRYPTION : LABEL_RTP_ENCRYPTION;
        byte[] mk = keys.masterKey();
        byte[] ms = keys.masterSalt();
        byte[] enc = derive(mk, ms, base, p.keyLength());
        byte[] auth = p.authKeyLength() == 0 ? new byte[0] : derive(mk, ms, base + 1, p.authKeyLength());
        byte[] salt = derive(mk, ms, base + 2, p.saltLength());
        return new SessionKeys(enc, auth, salt);
    }

    /** Derived session keys of one direction, for RTP or RTCP. */
    record SessionKeys(byte[] encryptionKey, byte[] authKey, byte[] salt) {
    }
}
