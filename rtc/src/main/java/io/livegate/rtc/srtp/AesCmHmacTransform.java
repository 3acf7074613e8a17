package io.livegate.rtc.srtp;

import io.livegate.rtc.srtp.SrtpKeyDerivation.SessionKeys;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES_CM_128_HMAC_SHA1_80/_32: AES in counter mode with IV = salt*2^16 XOR SSRC*2^64 XOR index*2^16
 * (RFC 3711 4.1.1), HMAC-SHA1 over the packet and the ROC (RTP) or the E||index word (RTCP), truncated
 * (4.2.1).
 */
final class AesCmHmacTransform implements SrtpTransform {

    private final int rtpTagLen;
    private final int rtcpTagLen;
    private final Cipher rtpCipher;
    private final Cipher rtcpCipher;
    private final SecretKeySpec rtpKey;
    private final SecretKeySpec rtcpKey;
    private final Mac rtpMac;
    private final Mac rtcpMac;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[16];
    private final byte[] word = new byte[4];
    private final byte[] macOut = new byte[20];

    AesCmHmacTransform(SrtpProfile profile, SessionKeys rtp, SessionKeys rtcp) {
        this.rtpTagLen = profile.rtpTagLength();
        this.rtcpTagLen = profile.rtcpTagLength();
        try {
            rtpCipher = Cipher.getInstance("AES/CTR/NoPadding");
            rtcpCipher = Cipher.getInstance("AES/CTR/NoPadding");
            rtpKey = new SecretKeySpec(rtp.encryptionKey(), "AES");
            rtcpKey = new SecretKeySpec(rtcp.encryptionKey(), "AES");
            rtpMac = Mac.getInstance("HmacSHA1");
            rtpMac.init(new SecretKeySpec(rtp.authKey(), "HmacSHA1"));
            rtcpMac = Mac.getInstance("HmacSHA1");
            rtcpMac.init(new SecretKeySpec(rtcp.authKey(), "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new SrtpException(SrtpException.Reason.CRYPTO, "AES-CM/HMAC-SHA1 unavailable", e);
        }
        this.rtpSalt = rtp.salt();
        this.rtcpSalt = rtcp.salt();
    }

    private void xcrypt(Cipher cipher, SecretKeySpec key, byte[] salt, int ssrc, long index,
                        byte[] b, int from, int n) {
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            cipher.doFinal(b, from, n, b, from);
        } catch (GeneralSecurityException e) {
            throw new SrtpException(SrtpException.Reason.CRYPTO, "AES-CM failed", e);
        }
    }

    private void rtpTag(byte[] b, int off, int len, long roc) {
        rtpMac.update(b, off, len);
        putInt(word, 0, (int) roc);
        rtpMac.update(word, 0, 4);
        doFinal(rtpMac);
    }

    private void doFinal(Mac mac) {
        try {
            mac.doFinal(macOut, 0);
        } catch (GeneralSecurityException e) {
            throw new SrtpException(SrtpException.Reason.CRYPTO, "HMAC failed", e);
        }
    }

    @Override
    public int protectRtp(byte[] b, int off, int len, int headerLen, int ssrc, long index) {
        xcrypt(rtpCipher, rtpKey, rtpSalt, ssrc, index, b, off + headerLen, len - headerLen);
        rtpTag(b, off, len, index >>> 16);
        System.arraycopy(macOut, 0, b, off + len, rtpTagLen);
        return len + rtpTagLen;
    }

    @Override
    public int unprotectRtp(byte[] b, int off, int len, int headerLen, int ssrc, long index) {
        int authLen = len - rtpTagLen;
        rtpTag(b, off, authLen, index >>> 16);
        if (!tagEquals(b, off + authLen, rtpTagLen)) {
            throw new SrtpException(SrtpException.Reason.AUTH_FAILED,
                    "SRTP tag mismatch, ssrc=" + Integer.toUnsignedString(ssrc) + " index=" + index);
        }
        xcrypt(rtpCipher, rtpKey, rtpSalt, ssrc, index, b, off + headerLen, authLen - headerLen);
        return authLen;
    }

    @Override
    public int protectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex) {
        xcrypt(rtcpCipher, rtcpKey, rtcpSalt, ssrc, srtcpIndex, b, off + 8, len - 8);
        putInt(b, off + len, 0x80000000 | srtcpIndex);
        rtcpMac.update(b, off, len + 4);
        doFinal(rtcpMac);
        System.arraycopy(macOut, 0, b, off + len + 4, rtcpTagLen);
        return len + 4 + rtcpTagLen;
    }

    @Override
    public int unprotectRtcp(byte[] b, int off, int len, int ssrc, int indexWord) {
        int authLen = len - rtcpTagLen;
        rtcpMac.update(b, off, authLen);
        doFinal(rtcpMac);
        if (!tagEquals(b, off + authLen, rtcpTagLen)) {
            throw new SrtpException(SrtpException.Reason.AUTH_FAILED,
                    "SRTCP tag mismatch, ssrc=" + Integer.toUnsignedString(ssrc));
        }
        int plainLen = authLen - 4;
        if (indexWord < 0) {
            xcrypt(rtcpCipher, rtcpKey, rtcpSalt, ssrc, indexWord & 0x7FFFFFFF, b, off + 8, plainLen - 8);
        }
        return plainLen;
    }

    /** Constant-time comparison of the computed tag with the received one. */
    private boolean tagEquals(byte[] b, int at, int n) {
        int diff = 0;
        for (int i = 0; i < n; i++) {
            diff |= macOut[i] ^ b[at + i];
        }
        return diff == 0;
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
