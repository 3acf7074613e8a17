package io.livegate.rtc.srtp;

/**
 * Sliding replay window over packet indexes (RFC 3711 3.3.2): accepts an index above the highest seen, or
 * within the window below it and not yet seen. {@link #check} before authentication, {@link #accept} after.
 */
final class ReplayWindow {

    private final long[] bits;
    private final int size;
    private long highest = -1;

    ReplayWindow(int size) {
        this.size = size;
        this.bits = new long[size / 64];
    }

    boolean check(long index) {
        if (index > highest) {
            return true;
        }
        long delta = highest - index;
        if (delta >= size) {
            return false;
        }
        int slot = (int) (index & (size - 1));
        return (bits[slot >>> 6] & (1L << (slot & 63))) == 0;
    }

    void accept(long index) {
        if (index > highest) {
            long advance = highest < 0 ? size : index - highest;
            if (advance >= size) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long i = highest + 1; i <= index; i++) {
                    int slot = (int) (i & (size - 1));
                    bits[slot >>> 6] &= ~(1L << (slot & 63));
                }
            }
            highest = index;
        }
        int slot = (int) (index & (size - 1));
        bits[slot >>> 6] |= 1L << (slot & 63);
    }

    long highest() {
        return highest;
    }
}
