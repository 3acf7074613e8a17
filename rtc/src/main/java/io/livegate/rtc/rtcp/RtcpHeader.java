package io.livegate.rtc.rtcp;

/**
 * The 4-byte common header (RFC 3550 6.4.1): version 2, padding, a 5-bit count or feedback format, packet
 * type, and the length in 32-bit words minus one. Also the byte helpers the packet classes share.
 */
record RtcpHeader(boolean padding, int count, int type, int lengthWords) {

    int packetLength() {
        return (lengthWords + 1) * 4;
    }

    static RtcpHeader parse(byte[] b, int off, int len) {
        if (len < 4) {
            throw new RtcpException(RtcpException.Reason.TRUNCATED, "RTCP header needs 4 bytes, have " + len);
        }
        int b0 = b[off] & 0xFF;
        if (b0 >>> 6 != 2) {
            throw new RtcpException(RtcpException.Reason.MALFORMED, "RTCP version " + (b0 >>> 6));
        }
        return new RtcpHeader((b0 & 0x20) != 0, b0 & 0x1F, b[off + 1] & 0xFF, u16(b, off + 2));
    }

    static void write(byte[] b, int off, int count, int type, int packetLength) {
        if (count < 0 || count > 31) {
            throw new RtcpException(RtcpException.Reason.OUT_OF_RANGE, "count " + count + " not in 0..31");
        }
        b[off] = (byte) (0x80 | count);
        b[off + 1] = (byte) type;
        int words = packetLength / 4 - 1;
        b[off + 2] = (byte) (words >>> 8);
        b[off + 3] = (byte) words;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int u24(byte[] b, int at) {
        return ((b[at] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
    }

    static int i32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return i32(b, at) & 0xFFFFFFFFL;
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put24(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 16);
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) v;
    }

    static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static void need(int have, int need, String what) {
        if (have < need) {
            throw new RtcpException(RtcpException.Reason.TRUNCATED, what + " needs " + need + " bytes, have " + have);
        }
    }
}
