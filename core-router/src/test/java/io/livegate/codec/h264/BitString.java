package io.livegate.codec.h264;

import java.io.ByteArrayOutputStream;

/** Builds NAL units from a readable bit string, for hand-made syntax cases. */
final class BitString {
    private BitString() {
    }

    /** The NAL header byte, then the bits (spaces ignored), then rbsp_trailing_bits, escaped. */
    static byte[] nal(int header, String bits) {
        String b = bits.replace(" ", "") + "1";
        b = b + "0".repeat((8 - b.length() % 8) % 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < b.length(); i += 8) {
            out.write(Integer.parseInt(b.substring(i, i + 8), 2));
        }
        byte[] rbsp = Rbsp.escape(out.toByteArray());
        byte[] nal = new byte[rbsp.length + 1];
        nal[0] = (byte) header;
        System.arraycopy(rbsp, 0, nal, 1, rbsp.length);
        return nal;
    }
}
