package io.livegate.rtc.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint as in SDP {@code a=fingerprint:<hash> <HEX:HEX:...>} (RFC 8122 §5).
 *
 * @param algorithm the hash function's SDP name in lower case ({@code sha-256}, ...)
 * @param value     the digest
 */
public record DtlsFingerprint(String algorithm, byte[] value) {
    /** SHA-384 and SHA-512 digests are the longest allowed; 64 bytes. */
    private static final int MAX_DIGEST_BYTES = 64;

    public DtlsFingerprint {
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        jcaName(algorithm);
        value = value.clone();
    }

    /** SHA-256 of a DER certificate: what we advertise. */
    public static DtlsFingerprint sha256(byte[] der) {
        return new DtlsFingerprint("sha-256", digest("SHA-256", der));
    }

    /**
     * Parses the attribute value, e.g. {@code "sha-256 AB:CD:..."}.
     *
     * @throws IllegalArgumentException when malformed or the hash is not sha-1/224/256/384/512
     */
    public static DtlsFingerprint parse(String sdpValue) {
        String[] parts = sdpValue.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("fingerprint must be '<hash> <hex>', got " + parts.length + " fields");
        }
        String hex = parts[1].replace(":", "");
        if (hex.length() > 2 * MAX_DIGEST_BYTES || hex.length() % 2 != 0) {
            throw new IllegalArgumentException("fingerprint of " + hex.length() + " hex digits");
        }
        byte[] digest = HexFormat.of().parseHex(hex);
        DtlsFingerprint f = new DtlsFingerprint(parts[0], digest);
        int expected = digest(jcaName(f.algorithm), new byte[0]).length;
        if (digest.length != expected) {
            throw new IllegalArgumentException(f.algorithm + " fingerprint of " + digest.length + " bytes, expected " + expected);
        }
        return f;
    }

    /** True when the DER certificate hashes to this fingerprint (constant-time compare). */
    public boolean matches(byte[] der) {
        return MessageDigest.isEqual(value, digest(jcaName(algorithm), der));
    }

    /** The SDP attribute value: {@code sha-256 AB:CD:...}, upper-case hex as RFC 8122 writes it. */
    public String toSdpValue() {
        return algorithm + " " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(value);
    }

    private static String jcaName(String algorithm) {
        return switch (algorithm) {
            case "sha-1" -> "SHA-1";
            case "sha-224" -> "SHA-224";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported fingerprint hash " + algorithm);
        };
    }

    private static byte[] digest(String jca, byte[] data) {
        try {
            return MessageDigest.getInstance(jca).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " unavailable", e);
        }
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DtlsFingerprint f && f.algorithm.equals(algorithm) && Arrays.equals(f.value, value);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return toSdpValue();
    }
}
