package io.livegate.rtc.rtp.codec;

import java.util.Arrays;

/** A growable byte array for fragments being joined (FU-A, VP8 partitions, AV1 OBU fragments). */
final class FrameBuffer {

    private byte[] buf = new byte[1500];
    private int len;

    void append(byte[] src, int off, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(src, off, buf, len, n);
        len += n;
    }

    void append(int b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[len++] = (byte) b;
    }

    int length() {
        return len;
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    void clear() {
        len = 0;
        if (buf.length > 64 * 1024) {
            buf = new byte[1500]; // do not keep a keyframe-sized array per stream forever
        }
    }
}
