package io.livegate.rtc.rtcp;

import java.util.Arrays;

/**
 * An RTCP packet of a type or format we do not model (APP, XR, other feedback), kept byte for byte.
 *
 * @param bytes the whole packet including its header and any padding
 */
public record RawPacket(byte[] bytes) implements RtcpPacket {

    public RawPacket {
        if (bytes.length < 4 || bytes.length % 4 != 0) {
            throw new RtcpException(RtcpException.Reason.MALFORMED, "raw RTCP packet of " + bytes.length + " bytes");
        }
        bytes = bytes.clone();
    }

    public int type() {
        return bytes[1] & 0xFF;
    }

    /** The 5-bit count or feedback message type. */
    public int count() {
        return bytes[0] & 0x1F;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public int encodedLength() {
        return bytes.length;
    }

    @Override
    public int writeTo(byte[] b, int off) {
        System.arraycopy(bytes, 0, b, off, bytes.length);
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawPacket r && Arrays.equals(r.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RawPacket[type=" + type() + " count=" + count() + " length=" + bytes.length + "]";
    }
}
