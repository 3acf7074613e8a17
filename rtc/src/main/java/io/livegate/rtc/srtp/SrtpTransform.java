package io.livegate.rtc.srtp;

/**
 * One profile's cryptographic transform, with header parsing, replay and ROC handled by
 * {@link SrtpContext}. Implementations keep their Cipher and Mac instances, so one context, one thread.
 */
sealed interface SrtpTransform permits AesCmHmacTransform, AesGcmTransform {

    /** Encrypts the payload in place and appends the tag; returns the new length. */
    int protectRtp(byte[] b, int off, int len, int headerLen, int ssrc, long index);

    /**
     * Verifies and decrypts in place; {@code len} includes the tag. Returns the plaintext length.
     *
     * @throws SrtpException AUTH_FAILED when the tag does not verify
     */
    int unprotectRtp(byte[] b, int off, int len, int headerLen, int ssrc, long index);

    /** Encrypts after the first 8 bytes, appends E||index and the tag; returns the new length. */
    int protectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex);

    /**
     * Verifies and (when the E bit is set) decrypts in place; {@code len} includes index and tag. Returns the
     * plaintext length.
     */
    int unprotectRtcp(byte[] b, int off, int len, int ssrc, int indexWord);
}
