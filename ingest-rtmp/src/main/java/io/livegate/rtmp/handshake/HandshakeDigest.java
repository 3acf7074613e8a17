package io.livegate.rtmp.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 digests of the Flash-style ("complex") handshake. The handshake blocks are 1536 bytes; the
 * 32-byte digest sits at an offset derived from four bytes of the block, in one of two layouts ("schemes").
 * The keys are the published constants every Flash-compatible client and server uses.
 */
final class HandshakeDigest {

    static final int BLOCK = 1536;
    static final int DIGEST = 32;

    private static final byte[] KEY_TAIL = {
        (byte) 0xF0, (byte) 0xEE, (byte) 0xC2, (byte) 0x4A, (byte) 0x80, (byte) 0x68, (byte) 0xBE, (byte) 0xE8,
        (byte) 0x2E, (byte) 0x00, (byte) 0xD0, (byte) 0xD1, (byte) 0x02, (byte) 0x9E, (byte) 0x7E, (byte) 0x57,
        (byte) 0x6E, (byte) 0xEC, (byte) 0x5D, (byte) 0x2D, (byte) 0x29, (byte) 0x80, (byte) 0x6F, (byte) 0xAB,
        (byte) 0x93, (byte) 0xB8, (byte) 0xE6, (byte) 0x36, (byte) 0xCF, (byte) 0xEB, (byte) 0x31, (byte) 0xAE};
    /** "Genuine Adobe Flash Player 001": signs C1. */
    static final byte[] PLAYER_KEY = "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);
    /** "Genuine Adobe Flash Media Server 001": signs S1. */
    static final byte[] SERVER_KEY = "Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII);
    /** The server key followed by the shared tail: keys the S2 signature. */
    static final byte[] SERVER_KEY_FULL = concat(SERVER_KEY, KEY_TAIL);
    /** The player key followed by the shared tail: keys the C2 signature. */
    static final byte[] PLAYER_KEY_FULL = concat(PLAYER_KEY, KEY_TAIL);

    private HandshakeDigest() {
    }

    /** Digest offset in scheme 0 (offset bytes at 8..11) or scheme 1 (offset bytes at 772..775). */
    static int digestOffset(byte[] block, int scheme) {
        int base = scheme == 0 ? 8 : 772;
        int sum = (block[base] & 0xFF) + (block[base + 1] & 0xFF) + (block[base + 2] & 0xFF)
                + (block[base + 3] & 0xFF);
        return sum % 728 + base + 4;
    }

    /** HMAC-SHA256 over the block without its digest bytes. */
    static byte[] blockDigest(byte[] block, int offset, byte[] key) {
        Mac mac = mac(key);
        mac.update(block, 0, offset);
        mac.update(block, offset + DIGEST, BLOCK - offset - DIGEST);
        return mac.doFinal();
    }

    /** The scheme whose digest validates with {@code key}, or -1 when neither does (a simple handshake). */
    static int findScheme(byte[] block, byte[] key) {
        for (int scheme = 0; scheme < 2; scheme++) {
            int off = digestOffset(block, scheme);
            byte[] expected = blockDigest(block, off, key);
            if (MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(block, off, off + DIGEST))) {
                return scheme;
            }
        }
        return -1;
    }

    /** Writes the digest of {@code block} into it at the scheme's offset. */
    static void sign(byte[] block, int scheme, byte[] key) {
        int off = digestOffset(block, scheme);
        System.arraycopy(blockDigest(block, off, key), 0, block, off, DIGEST);
    }

    /** Signs a response block (S2 or C2): the last 32 bytes are HMAC(HMAC(fullKey, peerDigest), rest). */
    static void signResponse(byte[] block, byte[] peerDigest, byte[] fullKey) {
        byte[] key = mac(fullKey).doFinal(peerDigest);
        Mac mac = mac(key);
        mac.update(block, 0, BLOCK - DIGEST);
        System.arraycopy(mac.doFinal(), 0, block, BLOCK - DIGEST, DIGEST);
    }

    static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
