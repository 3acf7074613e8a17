package io.livegate.codec.h264;

import io.livegate.codec.CodecException;
import io.livegate.codec.CodecLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte-stream format of H.264 Annex B (also H.265 Annex B): NAL units separated by start codes
 * {@code 00 00 01} or {@code 00 00 00 01}, as in MPEG-TS and raw .h264 files.
 */
public final class AnnexB {

    private static final byte[] START_CODE = {0, 0, 0, 1};

    private AnnexB() {
    }

    public static List<byte[]> split(byte[] buf, int off, int len) {
        return split(buf, off, len, CodecLimits.DEFAULT);
    }

    /**
     * Splits a byte stream into NAL units (copies, without start codes). Leading zero bytes and each NAL unit's
     * trailing zero bytes (trailing_zero_8bits) are dropped; empty NAL units are skipped.
     *
     * @throws CodecException MALFORMED when the data does not begin with a start code, TOO_LONG past limits
     */
    public static List<byte[]> split(byte[] buf, int off, int len, CodecLimits limits) {
        if (off < 0 || len < 0 || off + len > buf.length || off + len < 0) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " outside " + buf.length);
        }
        if (len > limits.maxAccessUnitSize()) {
            throw CodecException.tooLong("access unit size", len, limits.maxAccessUnitSize());
        }
        int end = off + len;
        int p = off;
        int zeros = 0;
        while (p < end && buf[p] == 0) {
            zeros++;
            p++;
        }
        if (p == end) {
            return List.of();
        }
        if (zeros < 2 || buf[p] != 1) {
            throw CodecException.malformed("Annex B data does not start with a start code (byte 0x"
                    + Integer.toHexString(buf[p] & 0xff) + " after " + zeros + " zeros)");
        }
        p++;
        List<byte[]> out = new ArrayList<>();
        int start = p;
        zeros = 0;
        while (p < end) {
            byte b = buf[p];
            if (b == 1 && zeros >= 2) {
                add(out, buf, start, p - zeros, limits);
                start = p + 1;
                zeros = 0;
            } else {
                zeros = b == 0 ? zeros + 1 : 0;
            }
            p++;
        }
        add(out, buf, start, end - zeros, limits);
        return out;
    }

    private static void add(List<byte[]> out, byte[] buf, int from, int to, CodecLimits limits) {
        if (to <= from) {
            return;
        }
        if (out.size() == limits.maxNalUnitsPerAccessUnit()) {
            throw CodecException.tooLong("NAL units per access unit", out.size() + 1L,
                    limits.maxNalUnitsPerAccessUnit());
        }
        byte[] nal = new byte[to - from];
        System.arraycopy(buf, from, nal, 0, nal.length);
        out.add(nal);
    }

    /** Writes each NAL unit after a 4-byte start code. */
    public static byte[] join(List<byte[]> nalus) {
        long total = 0;
        for (byte[] n : nalus) {
            total += START_CODE.length + n.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw CodecException.tooLong("access unit size", total, Integer.MAX_VALUE - 8);
        }
        byte[] out = new byte[(int) total];
        int p = 0;
        for (byte[] n : nalus) {
            System.arraycopy(START_CODE, 0, out, p, START_CODE.length);
            p += START_CODE.length;
            System.arraycopy(n, 0, out, p, n.length);
            p += n.length;
        }
        return out;
    }
}
