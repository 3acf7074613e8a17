package io.livegate.codec.h264;

import io.livegate.codec.CodecException;
import io.livegate.codec.CodecLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Length-prefixed NAL units (ISO/IEC 14496-15 5.3.2, "AVCC"), as in FLV, MP4 samples and RTMP. Also used for
 * H.265, whose sample format is the same. Each NAL unit is preceded by a big-endian length of
 * {@code lengthSize} bytes (1, 2 or 4 per the spec; 3 is accepted too since the field allows it).
 */
public final class Avcc {

    private Avcc() {
    }

    public static List<byte[]> split(byte[] buf, int off, int len, int lengthSize) {
        return split(buf, off, len, lengthSize, CodecLimits.DEFAULT);
    }

    /**
     * Splits an access unit into NAL units (copies). Zero-length entries are skipped.
     *
     * @throws CodecException TRUNCATED when a length runs past the end, TOO_LONG past the limits
     */
    public static List<byte[]> split(byte[] buf, int off, int len, int lengthSize, CodecLimits limits) {
        if (lengthSize < 1 || lengthSize > 4) {
            throw CodecException.malformed("NAL length size " + lengthSize + " outside 1..4");
        }
        if (off < 0 || len < 0 || off + len > buf.length || off + len < 0) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " outside " + buf.length);
        }
        if (len > limits.maxAccessUnitSize()) {
            throw CodecException.tooLong("access unit size", len, limits.maxAccessUnitSize());
        }
        List<byte[]> out = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            if (end - p < lengthSize) {
                throw CodecException.truncated("NAL length field", lengthSize, end - p);
            }
            long n = 0;
            for (int i = 0; i < lengthSize; i++) {
                n = (n << 8) | (buf[p++] & 0xff);
            }
            if (n > end - p) {
                throw CodecException.truncated("NAL unit", n, end - p);
            }
            if (n == 0) {
                continue;
            }
            if (out.size() == limits.maxNalUnitsPerAccessUnit()) {
                throw CodecException.tooLong("NAL units per access unit", out.size() + 1L,
                        limits.maxNalUnitsPerAccessUnit());
            }
            byte[] nal = new byte[(int) n];
            System.arraycopy(buf, p, nal, 0, (int) n);
            out.add(nal);
            p += (int) n;
        }
        return out;
    }

    /** Writes NAL units each with a {@code lengthSize}-byte big-endian length prefix. */
    public static byte[] join(List<byte[]> nalus, int lengthSize) {
        if (lengthSize < 1 || lengthSize > 4) {
            throw new IllegalArgumentException("NAL length size " + lengthSize + " outside 1..4");
        }
        long max = lengthSize == 4 ? 0xffffffffL : (1L << (8 * lengthSize)) - 1;
        long total = 0;
        for (byte[] n : nalus) {
            if (n.length > max) {
                throw CodecException.tooLong("NAL unit size for " + lengthSize + "-byte length", n.length, max);
            }
            total += lengthSize + n.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw CodecException.tooLong("access unit size", total, Integer.MAX_VALUE - 8);
        }
        byte[] out = new byte[(int) total];
        int p = 0;
        for (byte[] n : nalus) {
            for (int i = lengthSize - 1; i >= 0; i--) {
                out[p++] = (byte) (n.length >>> (8 * i));
            }
            System.arraycopy(n, 0, out, p, n.length);
            p += n.length;
        }
        return out;
    }
}
