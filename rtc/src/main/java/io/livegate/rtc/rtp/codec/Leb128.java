package io.livegate.rtc.rtp.codec;

import io.livegate.rtc.rtp.codec.RtpCodecException.Reason;

/** AV1 leb128 sizes (AV1 spec 4.10.5), bounded to 8 bytes and to int range. */
final class Leb128 {

    private Leb128() {
    }

    /** Reads at {@code at}; returns value << 8 | bytes used. */
    static long read(byte[] b, int at, int end) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            if (at + i >= end) {
                throw new RtpCodecException(Reason.MALFORMED, "leb128 cut at " + (at + i));
            }
            int x = b[at + i] & 0xFF;
            value |= (long) (x & 0x7F) << (7 * i);
            if ((x & 0x80) == 0) {
                if (value > Integer.MAX_VALUE) {
                    throw new RtpCodecException(Reason.MALFORMED, "leb128 value " + value);
                }
                return (value << 8) | (i + 1);
            }
        }
        throw new RtpCodecException(Reason.MALFORMED, "leb128 longer than 8 bytes");
    }

    static int size(int v) {
        int n = 1;
        while (v >= 0x80) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    static int write(byte[] b, int at, int v) {
        int i = at;
        while (v >= 0x80) {
            b[i++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[i++] = (byte) v;
        return i - at;
    }
}
