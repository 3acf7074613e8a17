package io.livegate.hls.fmp4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte sink with box bookkeeping: {@link #begin} writes a placeholder size and the type,
 * {@link #end} patches the size once the box's content is written. Not thread-safe; one per write.
 */
public final class Mp4Writer {

    private byte[] buf;
    private int len;

    public Mp4Writer(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    /** Starts a box; returns its offset for {@link #end}. */
    public int begin(String type) {
        int at = len;
        u32(0);
        fourcc(type);
        return at;
    }

    /** Starts a full box (version and 24-bit flags follow the type). */
    public int beginFull(String type, int version, int flags) {
        int at = begin(type);
        u8(version);
        u24(flags);
        return at;
    }

    /** Closes the box started at {@code at} by writing its size. */
    public void end(int at) {
        putU32(at, len - at);
    }

    public Mp4Writer u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public Mp4Writer u16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public Mp4Writer u24(int v) {
        ensure(3);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public Mp4Writer u32(long v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public Mp4Writer u64(long v) {
        u32(v >>> 32);
        return u32(v & 0xFFFF_FFFFL);
    }

    public Mp4Writer zeros(int n) {
        ensure(n);
        Arrays.fill(buf, len, len + n, (byte) 0);
        len += n;
        return this;
    }

    public Mp4Writer bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public Mp4Writer bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public Mp4Writer fourcc(String type) {
        byte[] b = type.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != 4) {
            throw new IllegalArgumentException("box type must be 4 characters: " + type);
        }
        return bytes(b);
    }

    /** Overwrites 4 bytes at {@code at}. */
    public void putU32(int at, long v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    public int position() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
