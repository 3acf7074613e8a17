package io.livegate.rtc.stun;

import io.livegate.rtc.stun.StunAttribute.ErrorCode;
import io.livegate.rtc.stun.StunAttribute.IceControlled;
import io.livegate.rtc.stun.StunAttribute.IceControlling;
import io.livegate.rtc.stun.StunAttribute.MessageIntegrity;
import io.livegate.rtc.stun.StunAttribute.Priority;
import io.livegate.rtc.stun.StunAttribute.Raw;
import io.livegate.rtc.stun.StunAttribute.Software;
import io.livegate.rtc.stun.StunAttribute.UseCandidate;
import io.livegate.rtc.stun.StunAttribute.Username;
import io.livegate.rtc.stun.StunAttribute.XorMappedAddress;
import io.livegate.rtc.stun.StunException.Reason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Attribute values to and from bytes. Lengths are checked against RFC 8489 §14 maxima. */
final class StunAttributeCodec {
    /** RFC 8489 §14.3: USERNAME is under 513 bytes. */
    static final int MAX_USERNAME_BYTES = 512;
    /** RFC 8489 §14.8: the reason phrase is under 128 characters (up to 763 bytes). */
    static final int MAX_REASON_BYTES = 763;
    /** RFC 8489 §14.14: SOFTWARE is under 128 characters (up to 763 bytes). */
    static final int MAX_SOFTWARE_BYTES = 763;

    private static final int MAGIC_COOKIE = StunMessage.MAGIC_COOKIE;

    private StunAttributeCodec() {}

    static StunAttribute decode(int type, byte[] buf, int off, int len, byte[] transactionId) {
        return switch (type) {
            case StunAttribute.USERNAME -> new Username(utf8(buf, off, len, MAX_USERNAME_BYTES, "USERNAME"));
            case StunAttribute.MESSAGE_INTEGRITY -> {
                expectLength(len, 20, "MESSAGE-INTEGRITY");
                yield new MessageIntegrity(Arrays.copyOfRange(buf, off, off + 20));
            }
            case StunAttribute.FINGERPRINT -> {
                expectLength(len, 4, "FINGERPRINT");
                yield new StunAttribute.Fingerprint(ByteBuffer.wrap(buf, off, 4).getInt());
            }
            case StunAttribute.ERROR_CODE -> decodeErrorCode(buf, off, len);
            case StunAttribute.XOR_MAPPED_ADDRESS -> new XorMappedAddress(decodeXorAddress(buf, off, len, transactionId));
            case StunAttribute.PRIORITY -> {
                expectLength(len, 4, "PRIORITY");
                yield new Priority(ByteBuffer.wrap(buf, off, 4).getInt() & 0xFFFF_FFFFL);
            }
            case StunAttribute.USE_CANDIDATE -> {
                expectLength(len, 0, "USE-CANDIDATE");
                yield new UseCandidate();
            }
            case StunAttribute.ICE_CONTROLLED -> {
                expectLength(len, 8, "ICE-CONTROLLED");
                yield new IceControlled(ByteBuffer.wrap(buf, off, 8).getLong());
            }
            case StunAttribute.ICE_CONTROLLING -> {
                expectLength(len, 8, "ICE-CONTROLLING");
                yield new IceControlling(ByteBuffer.wrap(buf, off, 8).getLong());
            }
            case StunAttribute.SOFTWARE -> new Software(utf8(buf, off, len, MAX_SOFTWARE_BYTES, "SOFTWARE"));
            default -> new Raw(type, Arrays.copyOfRange(buf, off, off + len));
        };
    }

    /** Encodes the value of an attribute (no header, no padding). */
    static byte[] encode(StunAttribute a, byte[] transactionId) {
        return switch (a) {
            case Username u -> checkedUtf8(u.value(), MAX_USERNAME_BYTES, "USERNAME");
            case Software s -> checkedUtf8(s.value(), MAX_SOFTWARE_BYTES, "SOFTWARE");
            case MessageIntegrity m -> m.hmac().clone();
            case StunAttribute.Fingerprint f -> ByteBuffer.allocate(4).putInt(f.crc()).array();
            case ErrorCode e -> {
                byte[] reason = checkedUtf8(e.reason(), MAX_REASON_BYTES, "ERROR-CODE reason");
                ByteBuffer b = ByteBuffer.allocate(4 + reason.length);
                b.putShort((short) 0).put((byte) (e.code() / 100)).put((byte) (e.code() % 100)).put(reason);
                yield b.array();
            }
            case XorMappedAddress x -> encodeXorAddress(x.address(), transactionId);
            case Priority p -> ByteBuffer.allocate(4).putInt((int) p.value()).array();
            case UseCandidate u -> new byte[0];
            case IceControlled c -> ByteBuffer.allocate(8).putLong(c.tieBreaker()).array();
            case IceControlling c -> ByteBuffer.allocate(8).putLong(c.tieBreaker()).array();
            case Raw r -> r.value().clone();
        };
    }

    private static ErrorCode decodeErrorCode(byte[] buf, int off, int len) {
        if (len < 4) {
            throw bad("ERROR-CODE length " + len + " < 4");
        }
        int cls = buf[off + 2] & 0x07;
        int number = buf[off + 3] & 0xFF;
        if (cls < 3 || cls > 6 || number > 99) {
            throw bad("ERROR-CODE class " + cls + " number " + number + " out of range");
        }
        String reason = utf8(buf, off + 4, len - 4, MAX_REASON_BYTES, "ERROR-CODE reason");
        return new ErrorCode(cls * 100 + number, reason);
    }

    private static InetSocketAddress decodeXorAddress(byte[] buf, int off, int len, byte[] transactionId) {
        if (len < 4) {
            throw bad("XOR-MAPPED-ADDRESS length " + len + " < 4");
        }
        int family = buf[off + 1] & 0xFF;
        int port = (((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF)) ^ (MAGIC_COOKIE >>> 16);
        int addrLen = switch (family) {
            case 0x01 -> 4;
            case 0x02 -> 16;
            default -> throw bad("XOR-MAPPED-ADDRESS family " + family + " is neither 1 nor 2");
        };
        expectLength(len, 4 + addrLen, "XOR-MAPPED-ADDRESS");
        byte[] mask = xorMask(transactionId);
        byte[] addr = new byte[addrLen];
        for (int i = 0; i < addrLen; i++) {
            addr[i] = (byte) (buf[off + 4 + i] ^ mask[i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(addr), port);
        } catch (UnknownHostException e) {
            throw bad("XOR-MAPPED-ADDRESS address of length " + addrLen);
        }
    }

    private static byte[] encodeXorAddress(InetSocketAddress address, byte[] transactionId) {
        byte[] addr = address.getAddress().getAddress();
        byte[] mask = xorMask(transactionId);
        ByteBuffer b = ByteBuffer.allocate(4 + addr.length);
        b.put((byte) 0).put((byte) (addr.length == 4 ? 0x01 : 0x02));
        b.putShort((short) (address.getPort() ^ (MAGIC_COOKIE >>> 16)));
        for (int i = 0; i < addr.length; i++) {
            b.put((byte) (addr[i] ^ mask[i]));
        }
        return b.array();
    }

    /** Magic cookie followed by the transaction id: the XOR key for addresses (RFC 8489 §14.2). */
    private static byte[] xorMask(byte[] transactionId) {
        return ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transactionId).array();
    }

    private static String utf8(byte[] buf, int off, int len, int max, String what) {
        if (len > max) {
            throw bad(what + " length " + len + " > " + max);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw bad(what + " is not UTF-8");
        }
    }

    private static byte[] checkedUtf8(String s, int max, String what) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > max) {
            throw new IllegalArgumentException(what + " length " + b.length + " > " + max);
        }
        return b;
    }

    private static void expectLength(int len, int expected, String what) {
        if (len != expected) {
            throw bad(what + " length " + len + " != " + expected);
        }
    }

    private static StunException bad(String message) {
        return new StunException(Reason.BAD_ATTRIBUTE, message);
    }
}
