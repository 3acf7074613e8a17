package io.livegate.rtc.ice;

/** Monotonic time for timers, injected so tests can move it by hand. */
@FunctionalInterface
public interface MonotonicClock {
    MonotonicClock SYSTEM = System::nanoTime;

    long nanoTime();
}
