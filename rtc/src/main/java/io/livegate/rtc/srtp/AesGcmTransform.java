package io.livegate.rtc.srtp;

import io.livegate.rtc.srtp.SrtpKeyDerivation.SessionKeys;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM / AEAD_AES_256_GCM (RFC 7714): 12-byte IV = (0x0000 || SSRC || ROC || SEQ) XOR salt for
 * RTP (8.1) and (0x0000 || SSRC || 0x0000 || index) XOR salt for RTCP (9.1); the RTP header, or the RTCP
 * header plus the E||index word, is the associated data; 16-byte tag.
 */
final class AesGcmTransform implements SrtpTransform {

    private static final int TAG = 16;

    private final Cipher rtpCipher;
    private final Cipher rtcpCipher;
    private final SecretKeySpec rtpKey;
    private final SecretKeySpec rtcpKey;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[12];
    private final byte[] word = new byte[4];
    private final byte[] sink = new byte[0];

    AesGcmTransform(SessionKeys rtp, SessionKeys rtcp) {
        try {
            rtpCipher = Cipher.getInstance("AES/GCM/NoPadding");
            rtcpCipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new SrtpException(SrtpException.Reason.CRYPTO, "AES-GCM unavailable", e);
        }
        rtpKey = new SecretKeySpec(rtp.encryptionKey(), "AES");
        rtcpKey = new SecretKeySpec(rtcp.encryptionKey(), "AES");
        rtpSalt = rtp.salt();
        rtcpSalt = rtcp.salt();
    }

    private void rtpIv(int ssrc, long index) {
        iv[0] = 0;
        iv[1] = 0;
        AesCmHmacTransform.putInt(iv, 2, ssrc);
        AesCmHmacTransform.putInt(iv, 6, (int) (index >>> 16));
        iv[10] = (byte) (index >>> 8);
        iv[11] = (byte) index;
        for (int i = 0; i < 12; i++) {
            iv[i] ^= rtpSalt[i];
        }
    }

    private void rtcpIv(int ssrc, int index) {
        iv[0] = 0;
        iv[1] = 0;
        AesCmHmacTransform.putInt(iv, 2, ssrc);
        iv[6] = 0;
        iv[7] = 0;
        AesCmHmacTransform.putInt(iv, 8, index & 0x7FFFFFFF);
        for (int i = 0; i < 12; i++) {
            iv[i] ^= rtcpSalt[i];
        }
    }

    /**
     * The JDK refuses to encrypt twice in a row with the same key and IV. Sending the same packet again
     * (a NACK retransmission without RTX) legitimately reuses the IV with the same plaintext, which reveals
     * nothing; re-initialising once with another IV clears the JDK's memory of the last one.
     */
    private void initEncrypt(Cipher c, SecretKeySpec key) throws GeneralSecurityException {
        try {
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
        } catch (InvalidAlgorithmParameterException sameIv) {
            byte[] other = iv.clone();
            other[0] ^= 1;
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, other));
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
        }
    }

    @Override
    public int protectRtp(byte[] b, int off, int len, int headerLen, int ssrc, long index) {
        rtpIv(ssrc, index);
        try {
            initEncrypt(rtpCipher, rtpKey);
            rtpCipher.updateAAD(b, off, headerLen);
            return headerLen + rtpCipher.doFinal(b, off + headerLen, len - headerLen, b, off + headerLen);
        } catch (GeneralSecurityException e) {
            throw new SrtpException(SrtpException.Reason.CRYPTO, "AES-GCM encrypt failed", e);
        }
    }

    @Override
    public int unprotectRtp(byte[] b, int off, int len, int headerLen, int ssrc, long index) {
        rtpIv(ssrc, index);
        try {
            rtpCipher.init(Cipher.DECRYPT_MODE, rtpKey, new GCMParameterSpec(TAG * 8, iv));
            rtpCipher.updateAAD(b, off, headerLen);
            return headerLen + rtpCipher.doFinal(b, off + headerLen, len - headerLen, b, off + headerLen);
        } catch (AEADBadTagException e) {
            throw new SrtpException(SrtpException.Reason.AUTH_FAILED,
                    "SRTP GCM tag mismatch, ssrc=" + Integer.toUnsignedString(ssrc) + " index=" + index);
        } catch (GeneralSecurityException e) {
            throw new SrtpException(SrtpException.Reason.CRYPTO, "AES-GCM decrypt failed", e);
        }
    }

    @Override
    public int protectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex) {
        rtcpIv(ssrc, srtcpIndex);
        int indexWord = 0x80000000 | srtcpIndex;
        AesCmHmacTransform.putInt(word, 0, indexWord);
        try {
            initEncrypt(rtcpCipher, rtcpKey);
            rtcpCipher.updateAAD(b, off, 8);
            rtcpCipher.updateAAD(word, 0, 4);
            int n = rtcpCipher.doFinal(b, off + 8, len - 8, b, off + 8);
            AesCmHmacTransform.putInt(b, off + 8 + n, indexWord);
            return 8 + n + 4;
        } catch (GeneralSecurityException e) {
            throw new SrtpException(SrtpException.Reason.CRYPTO, "AES-GCM encrypt failed", e);
        }
    }

    @Override
    public int unprotectRtcp(byte[] b, int off, int len, int ssrc, int indexWord) {
        rtcpIv(ssrc, indexWord);
        AesCmHmacTransform.putInt(word, 0, indexWord);
        int body = len - 4;
        try {
            rtcpCipher.init(Cipher.DECRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG * 8, iv));
            if (indexWord < 0) {
                rtcpCipher.updateAAD(b, off, 8);
                rtcpCipher.updateAAD(word, 0, 4);
                return 8 + rtcpCipher.doFinal(b, off + 8, body - 8, b, off + 8);
            }
            // E = 0: the whole packet is associated data, only the tag is "ciphertext" (RFC 7714 9.2).
            rtcpCipher.updateAAD(b, off, body - TAG);
            rtcpCipher.updateAAD(word, 0, 4);
            rtcpCipher.doFinal(b, off + body - TAG, TAG, sink, 0);
            return body - TAG;
        } catch (AEADBadTagException e) {
            throw new SrtpException(SrtpException.Reason.AUTH_FAILED,
                    "SRTCP GCM tag mismatch, ssrc=" + Integer.toUnsignedString(ssrc));
        } catch (GeneralSecurityException e) {
            throw new SrtpException(SrtpException.Reason.CRYPTO, "AES-GCM decrypt failed", e);
        }
    }
}
