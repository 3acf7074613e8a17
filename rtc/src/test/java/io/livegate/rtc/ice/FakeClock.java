package io.livegate.rtc.ice;

import java.time.Duration;

/** A clock tests move by hand. */
final class FakeClock implements MonotonicClock {
    private long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    void advance(Duration d) {
        now += d.toNanos();
    }
}
