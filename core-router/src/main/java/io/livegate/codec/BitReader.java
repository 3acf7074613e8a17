package io.livegate.codec;

/**
 * Reads big-endian bit fields from a byte range, as H.264/H.265 RBSP syntax (u(n), ue(v), se(v)), AV1 f(n)
 * and VP9 headers define them. Every read is bounds-checked and fails with {@link CodecException.Reason#TRUNCATED};
 * the reader never allocates. Emulation prevention bytes must already be removed (see
 * {@link io.livegate.codec.h264.Rbsp#unescape}).
 */
public final class BitReader {

    private final byte[] data;
    private final long endBit;
    private long pos;

    public BitReader(byte[] data) {
        this(data, 0, data.length);
    }

    public BitReader(byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off + len > data.length || off + len < 0) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " outside " + data.length);
        }
        this.data = data;
        this.pos = (long) off * 8;
        this.endBit = (long) (off + len) * 8;
    }

    /** Bits not read yet. */
    public long bitsLeft() {
        return endBit - pos;
    }

    /** Absolute bit position in the array. */
    public long position() {
        return pos;
    }

    public boolean byteAligned() {
        return (pos & 7) == 0;
    }

    private void need(long bits) {
        if (bits > endBit - pos) {
            throw CodecException.truncated("bit field", bits, endBit - pos);
        }
    }

    /** One bit, 0 or 1. */
    public int readBit() {
        need(1);
        int b = (data[(int) (pos >>> 3)] >> (7 - (int) (pos & 7))) & 1;
        pos++;
        return b;
    }

    public boolean readFlag() {
        return readBit() == 1;
    }

    /** u(n) for n in 0..32; values of 32 bits come back as their low 32 bits (use {@link #readBitsLong}). */
    public int readBits(int n) {
        if (n < 0 || n > 32) {
            throw new IllegalArgumentException("n must be 0..32, was " + n);
        }
        return (int) readBitsLong(n);
    }

    /** u(n) for n in 0..64. */
    public long readBitsLong(int n) {
        if (n < 0 || n > 64) {
            throw new IllegalArgumentException("n must be 0..64, was " + n);
        }
        need(n);
        long v = 0;
        int left = n;
        while (left > 0) {
            int bitInByte = (int) (pos & 7);
            int avail = 8 - bitInByte;
            int take = Math.min(avail, left);
            int cur = data[(int) (pos >>> 3)] & 0xff;
            int bits = (cur >> (avail - take)) & ((1 << take) - 1);
            v = (v << take) | bits;
            pos += take;
            left -= take;
        }
        return v;
    }

    public void skip(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        need(n);
        pos += n;
    }

    /** Skips to the next byte boundary (no-op when aligned). */
    public void byteAlign() {
        skip((8 - (pos & 7)) & 7);
    }

    /**
     * ue(v), Exp-Golomb (H.264 9.1). Values above {@link Integer#MAX_VALUE} - 1 (more than 31 leading zeros or
     * an overflow) are MALFORMED: no syntax element we read is that large.
     */
    public int readUE() {
        int zeros = 0;
        while (readBit() == 0) {
            zeros++;
            if (zeros > 31) {
                throw CodecException.malformed("exp-Golomb code with more than 31 leading zero bits");
            }
        }
        if (zeros == 0) {
            return 0;
        }
        long v = (1L << zeros) - 1 + readBitsLong(zeros);
        if (v > Integer.MAX_VALUE - 1) {
            throw CodecException.malformed("exp-Golomb value " + v + " exceeds " + (Integer.MAX_VALUE - 1));
        }
        return (int) v;
    }

    /** se(v), signed Exp-Golomb (H.264 9.1.1). */
    public int readSE() {
        int k = readUE();
        int magnitude = (k + 1) >>> 1;
        return (k & 1) == 1 ? magnitude : -magnitude;
    }

    /** ue(v) that must lie in {@code 0..max}; MALFORMED otherwise. */
    public int readUE(String what, int max) {
        int v = readUE();
        if (v > max) {
            throw CodecException.malformed(what + " " + v + " exceeds " + max);
        }
        return v;
    }

    /** se(v) that must lie in {@code min..max}; MALFORMED otherwise. */
    public int readSE(String what, int min, int max) {
        int v = readSE();
        if (v < min || v > max) {
            throw CodecException.malformed(what + " " + v + " outside " + min + ".." + max);
        }
        return v;
    }
}
