package io.livegate.hls.muxer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Requests that wait for media that does not exist yet: blocking playlist reloads ({@code _HLS_msn}/
 * {@code _HLS_part}), preload-hinted parts, and first requests while a muxer starts. A waiter is a few
 * references plus one scheduled timeout, never a thread; the number parked is capped, and a request over the cap
 * is refused at once. Used on the stream's muxer event loop only.
 */
public final class BlockingReloadRegistry {

    /** A parked request. Every method is called on the muxer's event loop, at most one of them, once. */
    public interface Waiter {
        /** True when the request can be answered now. */
        boolean ready();

        /** Answer it: the condition holds, or the stream ended. */
        void complete();

        /** Answer it: the timeout passed first. */
        void expire();
    }

    private final ScheduledExecutorService loop;
    private final int maxParked;
    private final Set<Entry> parked = new LinkedHashSet<>();

    public BlockingReloadRegistry(ScheduledExecutorService loop, int maxParked) {
        if (maxParked < 1) {
            throw new IllegalArgumentException("maxParked must be >= 1, was " + maxParked);
        }
        this.loop = loop;
        this.maxParked = maxParked;
    }

    /**
     * Parks {@code waiter} until it is ready or {@code timeout} passes. Returns null when the registry is full
     * (answer 503), otherwise a handle whose {@link Runnable#run()} drops the waiter unanswered (its connection
     * closed); the handle may be run from any thread.
     */
    public Runnable park(Waiter waiter, Duration timeout) {
        if (parked.size() >= maxParked) {
            return null;
        }
        Entry e = new Entry(waiter);
        parked.add(e);
        e.timer = loop.schedule(() -> {
            if (parked.remove(e)) {
                waiter.expire();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return () -> loop.execute(() -> {
            if (parked.remove(e)) {
                e.timer.cancel(false);
            }
        });
    }

    /** Answers every waiter whose condition now holds. */
    public void wake() {
        if (parked.isEmpty()) {
            return;
        }
        List<Entry> done = new ArrayList<>();
        for (Entry e : parked) {
            if (e.waiter.ready()) {
                done.add(e);
            }
        }
        for (Entry e : done) {
            parked.remove(e);
            e.timer.cancel(false);
            e.waiter.complete();
        }
    }

    /** Answers every waiter now: ready ones complete, the others expire (stream stopped or ended). */
    public void releaseAll(boolean completeAll) {
        List<Entry> all = new ArrayList<>(parked);
        parked.clear();
        for (Entry e : all) {
            e.timer.cancel(false);
            if (completeAll || e.waiter.ready()) {
                e.waiter.complete();
            } else {
                e.waiter.expire();
            }
        }
    }

    public int size() {
        return parked.size();
    }

    public int maxParked() {
        return maxParked;
    }

    private static final class Entry {
        final Waiter waiter;
        ScheduledFuture<?> timer;

        Entry(Waiter waiter) {
            this.waiter = waiter;
        }
    }
}
