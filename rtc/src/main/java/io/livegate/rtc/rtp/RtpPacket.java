package io.livegate.rtc.rtp;

import io.livegate.rtc.rtp.RtpException.Reason;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * One RTP packet: header, payload and padding length (0 when the P bit is clear). Owns its bytes.
 *
 * @param paddingLength 0, or 1-255 padding bytes including the count byte (RFC 3550 5.1)
 */
public record RtpPacket(RtpHeader header, byte[] payload, int paddingLength) {

    public RtpPacket {
        if (paddingLength < 0 || paddingLength > 255) {
            throw new RtpException(Reason.OUT_OF_RANGE, "padding " + paddingLength + " not in 0..255");
        }
    }

    public RtpPacket(RtpHeader header, byte[] payload) {
        this(header, payload, 0);
    }

    /**
     * Parses and copies one RTP packet.
     *
     * @throws RtpException when the bytes are not a well-formed RTP packet
     */
    public static RtpPacket parse(byte[] b, int off, int len) {
        RtpHeader.Parsed p = RtpHeader.parse(b, off, len);
        int end = len;
        int pad = 0;
        if (p.padding()) {
            pad = b[off + len - 1] & 0xFF;
            if (pad == 0 || pad > len - p.length()) {
                throw new RtpException(Reason.BAD_PADDING, "padding " + pad + " with " + (len - p.length())
                        + " bytes after the header");
            }
            end -= pad;
        }
        return new RtpPacket(p.header(), Arrays.copyOfRange(b, off + p.length(), off + end), pad);
    }

    public static RtpPacket parse(byte[] b) {
        return parse(b, 0, b.length);
    }

    /** Parses the readable bytes without moving the reader index. */
    public static RtpPacket parse(ByteBuf buf) {
        int len = buf.readableBytes();
        if (buf.hasArray()) {
            return parse(buf.array(), buf.arrayOffset() + buf.readerIndex(), len);
        }
        byte[] copy = new byte[len];
        buf.getBytes(buf.readerIndex(), copy);
        return parse(copy, 0, len);
    }

    public int encodedLength() {
        return header.encodedLength() + payload.length + paddingLength;
    }

    public int writeTo(byte[] b, int off) {
        int p = off + header.writeTo(b, off, paddingLength > 0);
        System.arraycopy(payload, 0, b, p, payload.length);
        p += payload.length;
        if (paddingLength > 0) {
            Arrays.fill(b, p, p + paddingLength - 1, (byte) 0);
            b[p + paddingLength - 1] = (byte) paddingLength;
            p += paddingLength;
        }
        return p - off;
    }

    /** The packet's bytes with {@code spare} extra bytes of room at the end (for the SRTP tag). */
    public byte[] toBytes(int spare) {
        byte[] b = new byte[encodedLength() + spare];
        writeTo(b, 0);
        return b;
    }

    public byte[] toBytes() {
        return toBytes(0);
    }

    public void writeTo(ByteBuf buf) {
        int n = encodedLength();
        buf.ensureWritable(n);
        if (buf.hasArray()) {
            writeTo(buf.array(), buf.arrayOffset() + buf.writerIndex());
            buf.writerIndex(buf.writerIndex() + n);
        } else {
            buf.writeBytes(toBytes());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && p.header.equals(header) && Arrays.equals(p.payload, payload)
                && p.paddingLength == paddingLength;
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[" + header + " payload=" + payload.length + " padding=" + paddingLength + "]";
    }
}
