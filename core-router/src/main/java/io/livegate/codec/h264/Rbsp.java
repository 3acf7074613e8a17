package io.livegate.codec.h264;

import java.io.ByteArrayOutputStream;

/**
 * Emulation prevention (H.264 7.4.1, H.265 7.4.2): inside a NAL unit every {@code 00 00 03} hides a byte
 * sequence that would look like a start code. Parsers read the RBSP, i.e. the NAL unit with those
 * {@code 03} bytes removed. Shared by the H.265 package.
 */
public final class Rbsp {

    private Rbsp() {
    }

    /** The RBSP of {@code nal[off, off+len)}: each 0x03 that follows two zero bytes is dropped. */
    public static byte[] unescape(byte[] nal, int off, int len) {
        if (off < 0 || len < 0 || off + len > nal.length || off + len < 0) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " outside " + nal.length);
        }
        byte[] out = new byte[len];
        int n = 0;
        int zeros = 0;
        for (int i = off; i < off + len; i++) {
            byte b = nal[i];
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out[n++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return n == len ? out : java.util.Arrays.copyOf(out, n);
    }

    public static byte[] unescape(byte[] nal) {
        return unescape(nal, 0, nal.length);
    }

    /** Inserts emulation prevention bytes so the result contains no {@code 00 00 0x} with x <= 3. */
    public static byte[] escape(byte[] rbsp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rbsp.length + rbsp.length / 64 + 4);
        int zeros = 0;
        for (byte b : rbsp) {
            if (zeros >= 2 && (b & 0xff) <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }
}
