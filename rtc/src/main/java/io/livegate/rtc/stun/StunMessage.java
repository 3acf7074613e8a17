package io.livegate.rtc.stun;

import io.livegate.rtc.stun.StunException.Reason;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A STUN message (RFC 8489 §5): type, 96-bit transaction id and attributes.
 *
 * <p>{@link #parse} checks the header, every attribute length, and FINGERPRINT when present; it keeps
 * the raw bytes so {@link #verifyIntegrity} can check MESSAGE-INTEGRITY later with the key the
 * caller picks from USERNAME. Attributes after MESSAGE-INTEGRITY other than FINGERPRINT are ignored
 * (§14.5); anything after FINGERPRINT is an error (§14.7). {@link #encode} writes the attributes, then
 * MESSAGE-INTEGRITY and FINGERPRINT computed over the result; MI/FINGERPRINT in the list are skipped.
 */
public final class StunMessage {
    public static final int HEADER_BYTES = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int TRANSACTION_ID_BYTES = 12;
    static final int FINGERPRINT_XOR = 0x5354554e;
    private static final int MI_BYTES = 20;

    private final StunMessageType type;
    private final byte[] transactionId;
    private final List<StunAttribute> attributes;
    /** The raw message when parsed, else null. */
    private final byte[] raw;
    /** Offset in {@link #raw} of the MESSAGE-INTEGRITY attribute header, or -1. */
    private final int integrityOffset;

    public StunMessage(StunMessageType type, byte[] transactionId, List<StunAttribute> attributes) {
        this(type, transactionId, attributes, null, -1);
    }

    private StunMessage(StunMessageType type, byte[] transactionId, List<StunAttribute> attributes, byte[] raw,
            int integrityOffset) {
        if (transactionId.length != TRANSACTION_ID_BYTES) {
            throw new IllegalArgumentException("transaction id must be 12 bytes, got " + transactionId.length);
        }
        this.type = type;
        this.transactionId = transactionId.clone();
        this.attributes = List.copyOf(attributes);
        this.raw = raw;
        this.integrityOffset = integrityOffset;
    }

    /** True when the first bytes look like STUN: top two bits zero and the magic cookie (RFC 7983 + §5). */
    public static boolean looksLikeStun(byte[] buf, int off, int len) {
        return len >= HEADER_BYTES && (buf[off] & 0xC0) == 0 && ByteBuffer.wrap(buf, off + 4, 4).getInt() == MAGIC_COOKIE;
    }

    public static StunMessage parse(byte[] buf) {
        return parse(buf, 0, buf.length, StunLimits.DEFAULTS);
    }

    /** Parses one whole message occupying exactly {@code len} bytes. */
    public static StunMessage parse(byte[] buf, int off, int len, StunLimits limits) {
        if (len < HEADER_BYTES) {
            throw new StunException(Reason.TOO_SHORT, "message of " + len + " bytes < header " + HEADER_BYTES);
        }
        if (len > limits.maxMessageBytes()) {
            throw new StunException(Reason.TOO_LONG, "message of " + len + " bytes > " + limits.maxMessageBytes());
        }
        if (!looksLikeStun(buf, off, len)) {
            throw new StunException(Reason.NOT_STUN, "first two bits not zero or no magic cookie");
        }
        ByteBuffer b = ByteBuffer.wrap(buf, off, len);
        int rawType = b.getShort(off) & 0x3FFF;
        int bodyLength = b.getShort(off + 2) & 0xFFFF;
        if ((bodyLength & 3) != 0 || bodyLength != len - HEADER_BYTES) {
            throw new StunException(Reason.BAD_LENGTH, "header length " + bodyLength + " for " + (len - HEADER_BYTES)
                    + " body bytes (must be equal and a multiple of 4)");
        }
        byte[] msg = Arrays.copyOfRange(buf, off, off + len);
        byte[] tid = Arrays.copyOfRange(msg, 8, HEADER_BYTES);
        List<StunAttribute> attrs = new ArrayList<>();
        int pos = HEADER_BYTES;
        int integrityOffset = -1;
        boolean sawFingerprint = false;
        while (pos < len) {
            if (sawFingerprint) {
                throw new StunException(Reason.ATTRIBUTE_AFTER_FINGERPRINT, "attribute at offset " + pos + " after FINGERPRINT");
            }
            if (attrs.size() >= limits.maxAttributes()) {
                throw new StunException(Reason.TOO_MANY_ATTRIBUTES, "more than " + limits.maxAttributes() + " attributes");
            }
            if (len - pos < 4) {
                throw new StunException(Reason.BAD_ATTRIBUTE, "attribute header truncated at offset " + pos);
            }
            int at = ((msg[pos] & 0xFF) << 8) | (msg[pos + 1] & 0xFF);
            int alen = ((msg[pos + 2] & 0xFF) << 8) | (msg[pos + 3] & 0xFF);
            int padded = (alen + 3) & ~3;
            if (padded > len - pos - 4) {
                throw new StunException(Reason.BAD_ATTRIBUTE, "attribute 0x" + Integer.toHexString(at) + " length " + alen
                        + " exceeds remaining " + (len - pos - 4));
            }
            if (at == StunAttribute.FINGERPRINT) {
                StunAttribute fp = StunAttributeCodec.decode(at, msg, pos + 4, alen, tid);
                int expected = fingerprint(msg, pos);
                if (((StunAttribute.Fingerprint) fp).crc() != expected) {
                    throw new StunException(Reason.BAD_FINGERPRINT, "FINGERPRINT 0x"
                            + Integer.toHexString(((StunAttribute.Fingerprint) fp).crc()) + " != 0x" + Integer.toHexString(expected));
                }
                attrs.add(fp);
                sawFingerprint = true;
            } else if (integrityOffset < 0) {
                if (at == StunAttribute.MESSAGE_INTEGRITY) {
                    integrityOffset = pos;
                }
                attrs.add(StunAttributeCodec.decode(at, msg, pos + 4, alen, tid));
            }
            pos += 4 + padded;
        }
        return new StunMessage(StunMessageType.decode(rawType), tid, attrs, msg, integrityOffset);
    }

    public StunMessageType type() {
        return type;
    }

    public byte[] transactionId() {
        return transactionId.clone();
    }

    public List<StunAttribute> attributes() {
        return attributes;
    }

    /** The first attribute of the given class, if any. */
    public <A extends StunAttribute> Optional<A> get(Class<A> kind) {
        for (StunAttribute a : attributes) {
            if (kind.isInstance(a)) {
                return Optional.of(kind.cast(a));
            }
        }
        return Optional.empty();
    }

    public boolean has(Class<? extends StunAttribute> kind) {
        return get(kind).isPresent();
    }

    /**
     * Checks MESSAGE-INTEGRITY (HMAC-SHA1 over the message up to the attribute, with the header
     * length covering it, RFC 8489 §14.5). False when the message has none or was not parsed.
     */
    public boolean verifyIntegrity(byte[] key) {
        if (raw == null || integrityOffset < 0) {
            return false;
        }
        byte[] expected = hmac(key, raw, integrityOffset);
        byte[] actual = Arrays.copyOfRange(raw, integrityOffset + 4, integrityOffset + 4 + MI_BYTES);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Encodes with no MESSAGE-INTEGRITY and a FINGERPRINT. */
    public byte[] encode() {
        return encode(null, true);
    }

    /**
     * Encodes the message.
     *
     * @param integrityKey key for MESSAGE-INTEGRITY, or null for none
     * @param fingerprint  whether to append FINGERPRINT
     */
    public byte[] encode(byte[] integrityKey, boolean fingerprint) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + bodyBound());
        b.putShort((short) type.encode()).putShort((short) 0).putInt(MAGIC_COOKIE).put(transactionId);
        for (StunAttribute a : attributes) {
            if (a instanceof StunAttribute.MessageIntegrity || a instanceof StunAttribute.Fingerprint) {
                continue;
            }
            putAttribute(b, a.type(), StunAttributeCodec.encode(a, transactionId));
        }
        if (integrityKey != null) {
            int at = b.position();
            putAttribute(b, StunAttribute.MESSAGE_INTEGRITY, new byte[MI_BYTES]);
            byte[] mac = hmac(integrityKey, b.array(), at);
            b.put(at + 4, mac);
        }
        if (fingerprint) {
            int at = b.position();
            putAttribute(b, StunAttribute.FINGERPRINT, new byte[4]);
            b.putInt(at + 4, fingerprint(b.array(), at));
        }
        b.putShort(2, (short) (b.position() - HEADER_BYTES));
        return Arrays.copyOf(b.array(), b.position());
    }

    private int bodyBound() {
        int n = 4 + MI_BYTES + 8;
        for (StunAttribute a : attributes) {
            n += 4 + ((StunAttributeCodec.encode(a, transactionId).length + 3) & ~3);
        }
        return n;
    }

    private static void putAttribute(ByteBuffer b, int type, byte[] value) {
        b.putShort((short) type).putShort((short) value.length).put(value);
        int pad = (4 - (value.length & 3)) & 3;
        for (int i = 0; i < pad; i++) {
            b.put((byte) 0);
        }
    }

    /** HMAC-SHA1 over msg[0, attrOffset) with the header length set to end right after MI. */
    private static byte[] hmac(byte[] key, byte[] msg, int attrOffset) {
        byte[] covered = Arrays.copyOf(msg, attrOffset);
        int lengthField = attrOffset + 4 + MI_BYTES - HEADER_BYTES;
        covered[2] = (byte) (lengthField >> 8);
        covered[3] = (byte) lengthField;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
            return mac.doFinal(covered);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** CRC-32 over msg[0, attrOffset) with the header length set to end right after FINGERPRINT. */
    private static int fingerprint(byte[] msg, int attrOffset) {
        int lengthField = attrOffset + 8 - HEADER_BYTES;
        CRC32 crc = new CRC32();
        crc.update(msg, 0, 2);
        crc.update(new byte[] {(byte) (lengthField >> 8), (byte) lengthField});
        crc.update(msg, 4, attrOffset - 4);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    @Override
    public String toString() {
        return "StunMessage[" + type + ", tid=" + HexFormat.of().formatHex(transactionId) + ", " + attributes + "]";
    }
}
