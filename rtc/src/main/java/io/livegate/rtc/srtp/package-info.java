/**
 * SRTP and SRTCP (RFC 3711) on the JDK's JCE, for keys negotiated by DTLS-SRTP (RFC 5764).
 *
 * <p>Implements: the AES-CM key derivation PRF (RFC 3711 4.3.1, key derivation rate 0 as DTLS-SRTP
 * requires), AES_CM_128_HMAC_SHA1_80 and _32 (RFC 3711 4.1.1, 4.2.1; RFC 5764 4.1.2), AEAD_AES_128_GCM
 * and AEAD_AES_256_GCM (RFC 7714 sections 8-11), ROC estimation across sequence wrap (RFC 3711 3.3.1 and
 * Appendix A), sliding-window replay protection per SSRC (RFC 3711 3.3.2), the SRTCP index with its E bit
 * (RFC 3711 3.4), and the keying material layout of RFC 5764 4.2 ({@link io.livegate.rtc.srtp.SrtpKeys#split}).
 *
 * <p>Left out on purpose: MKI (WebRTC never signals one), key derivation rates other than 0, NULL
 * ciphers, encrypted header extensions (RFC 6904) and cryptex (RFC 9335), AES-192, F8 mode.
 *
 * <p>Packets are processed in place on {@code byte[]} (offset, length); {@link io.netty.buffer.ByteBuf}
 * overloads use the backing array of heap buffers and copy direct buffers through one per-context scratch
 * array. Cipher and Mac instances are created once per context, so a context belongs to one thread.
 */
package io.livegate.rtc.srtp;
