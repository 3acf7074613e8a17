package io.livegate.whep.media;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Releases a stream's audio on its own timeline instead of as it arrives. Some publishers send audio in bursts
 * (ffmpeg's MPEG-TS muxer packs ~180 ms of AAC per PES packet by default); a browser receiving such bursts keeps
 * a large audio buffer, and its lip sync then holds video back by as much. Paced, the same audio arrives every
 * 20 ms and the browser's buffer stays small.
 *
 * <p>The first frame anchors the timeline at its arrival; each later frame is due at anchor + its media time.
 * Frames that arrive after their due time go out at once (and a frame more than {@link #LATE_NANOS} late moves the
 * anchor, so lateness never accumulates); a frame due more than {@link #MAX_HOLD_NANOS} ahead moves the anchor to
 * now (a timestamp jump, clock drift, or a backlog), so no frame is ever held longer than that. A late anchor
 * (the first frame was delayed) would hold every later frame by as much, so the anchor also moves earlier when
 * even the earliest frame of a window arrived ahead of its due time: in a burst the first frame is on time and
 * only the rest are early. One instance per stream, used on the stream's event loop only.
 */
final class AudioPacer {

    /** Longer than the bursts seen (~180 ms) with headroom; the most any frame is held. */
    static final long MAX_HOLD_NANOS = 300_000_000L;
    /** Arrival jitter tolerated before the timeline follows a source that runs late. */
    static final long LATE_NANOS = 100_000_000L;
    /** Frames held at most: 300 ms of 2.5 ms Opus frames, far above any real stream; more are sent at once. */
    static final int MAX_HELD_FRAMES = 128;
    /** Frames per window over which the least hold is measured (about a second of 20 ms frames). */
    static final int WINDOW_FRAMES = 50;
    /** Frames due within this much are sent now rather than scheduled. */
    private static final long SLACK_NANOS = 2_000_000L;

    /** Schedules {@code task} to run on the stream's event loop after {@code delayNanos}. */
    interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private record Held(PacketizedFrame frame, long dueNanos) {
    }

    private final LongSupplier clock;
    private final Scheduler scheduler;
    private final Consumer<PacketizedFrame> out;
    private final ArrayDeque<Held> queue = new ArrayDeque<>();
    private long anchorWallNanos = Long.MIN_VALUE;
    private double anchorMediaSeconds;
    private boolean scheduled;
    private long reanchors;
    private int windowFrames;
    private long windowMinHold = Long.MAX_VALUE;

    AudioPacer(LongSupplier clock, Scheduler scheduler, Consumer<PacketizedFrame> out) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.out = out;
    }

    void offer(PacketizedFrame f, int clockRate) {
        long now = clock.getAsLong();
        double media = f.timestamp() / (double) clockRate;
        long due;
        if (anchorWallNanos == Long.MIN_VALUE) {
            due = anchor(now, media);
        } else {
            due = anchorWallNanos + Math.round((media - anchorMediaSeconds) * 1e9);
            if (due < now - LATE_NANOS || due > now + MAX_HOLD_NANOS) {
                reanchors++;
                due = anchor(now, media);
                windowFrames = 0;
                windowMinHold = Long.MAX_VALUE;
            }
        }
        windowMinHold = Math.min(windowMinHold, due - now);
        if (++windowFrames >= WINDOW_FRAMES) {
            if (windowMinHold > SLACK_NANOS) {
                // Every frame of the window was early: the anchor is late. Move it (and this frame) earlier.
                anchorWallNanos -= windowMinHold;
                due -= windowMinHold;
            }
            windowFrames = 0;
            windowMinHold = Long.MAX_VALUE;
        }
        if (queue.size() >= MAX_HELD_FRAMES) {
            // A publisher whose timestamps barely advance must not make us hold without bound: release now.
            reanchors++;
            due = anchor(now, media);
            queue.forEach(h -> out.accept(h.frame()));
            queue.clear();
        }
        queue.add(new Held(f, due));
        pump();
    }

    /** Frames waiting now. */
    int held() {
        return queue.size();
    }

    long reanchors() {
        return reanchors;
    }

    private long anchor(long now, double media) {
        anchorWallNanos = now;
        anchorMediaSeconds = media;
        return now;
    }

    private void pump() {
        long now = clock.getAsLong();
        Held h;
        while ((h = queue.peek()) != null && h.dueNanos() <= now + SLACK_NANOS) {
            queue.poll();
            out.accept(h.frame());
        }
        if (h != null && !scheduled) {
            scheduled = true;
            scheduler.schedule(() -> {
                scheduled = false;
                pump();
            }, h.dueNanos() - now);
        }
    }
}
