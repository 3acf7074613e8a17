package io.livegate.hls.store;

/** The bytes a stream's renditions may hold together. Used on the stream's muxer event loop only. */
public final class ByteBudget {

    private final long max;
    private long used;

    public ByteBudget(long max) {
        if (max <= 0) {
            throw new IllegalArgumentException("byte budget must be > 0, was " + max);
        }
        this.max = max;
    }

    public long max() {
        return max;
    }

    public long used() {
        return used;
    }

    boolean over() {
        return used > max;
    }

    void add(long n) {
        used += n;
    }
}
