package io.livegate.router;

import io.livegate.media.Frame;
import io.livegate.media.Track;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber's bounded queue and its drain on the subscriber's executor. The stream offers under its lock
 * and never waits; a full queue drops the frame, and a dropped video track then skips frames until its next
 * keyframe so the subscriber never decodes a broken reference chain.
 */
final class StreamSubscription implements Subscription {

    private static final System.Logger LOG = System.getLogger(StreamSubscription.class.getName());
    /** Events delivered per executor task, so one busy subscriber does not monopolise its event loop. */
    private static final int DRAIN_BATCH = 64;

    private record TracksEvent(List<Track> tracks) {
    }

    private record DiscontinuityEvent() {
    }

    private record EndEvent(Subscriber.EndReason reason) {
    }

    private final Stream stream;
    private final SubscriberInfo info;
    private final Executor executor;
    private final Subscriber subscriber;
    private final StreamRouter.Counters counters;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final AtomicInteger queuedEvents = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final long startedNanos = System.nanoTime();
    /** Video tracks skipping frames until a keyframe; guarded by the stream's lock. */
    private final Set<Integer> awaitingKeyframe = new HashSet<>();
    private volatile boolean delivering = true;
    private final Runnable drainTask = this::drain;

    StreamSubscription(Stream stream, SubscriberInfo info, Executor executor, Subscriber subscriber,
                       StreamRouter.Counters counters) {
        this.stream = stream;
        this.info = info;
        this.executor = executor;
        this.subscriber = subscriber;
        this.counters = counters;
    }

    /** Called under the stream lock, before any frame: every video track starts by waiting for a keyframe. */
    void awaitKeyframes(List<Track> tracks) {
        for (Track t : tracks) {
            if (t.isVideo()) {
                awaitingKeyframe.add(t.id());
            }
        }
    }

    /** Called under the stream lock. Never blocks. */
    void offerFrame(Frame frame, boolean video) {
        if (ended.get()) {
            return;
        }
        int id = frame.trackId();
        if (video && awaitingKeyframe.contains(id)) {
            if (!frame.keyframe()) {
                drop();
                return;
            }
        }
        if (queuedFrames.get() >= info.maxFrames() || queuedBytes.get() + frame.size() > info.maxBytes()) {
            drop();
            if (video) {
                awaitingKeyframe.add(id);
            }
            return;
        }
        if (video) {
            awaitingKeyframe.remove(id);
        }
        queuedFrames.incrementAndGet();
        queuedBytes.addAndGet(frame.size());
        enqueue(frame);
    }

    /** Called under the stream lock: tracks changed; a new video track waits for its first keyframe. */
    void offerTracks(List<Track> tracks, Set<Integer> newVideoTracks) {
        awaitingKeyframe.addAll(newVideoTracks);
        offerEvent(new TracksEvent(tracks));
    }

    void offerDiscontinuity() {
        offerEvent(new DiscontinuityEvent());
    }

    /** Ends delivery: the end event jumps the queue's remaining frames only when the subscriber cannot keep up. */
    void end(Subscriber.EndReason reason) {
        if (ended.compareAndSet(false, true)) {
            enqueue(new EndEvent(reason));
        }
    }

    private void offerEvent(Object event) {
        if (ended.get()) {
            return;
        }
        // Control events are never dropped, so they are bounded separately: a subscriber that lets this many
        // pile up is not reading at all and is ended rather than allowed to grow without bound.
        if (queuedEvents.incrementAndGet() > info.maxFrames()) {
            LOG.log(Level.WARNING, "subscriber ended: not reading path={0} protocol={1} remote={2}",
                    stream.path(), info.protocol(), info.remoteAddress());
            stream.removeSubscription(this);
            end(Subscriber.EndReason.UNSUBSCRIBED);
            return;
        }
        enqueue(event);
    }

    private void drop() {
        dropped.incrementAndGet();
        counters.framesDropped.increment();
    }

    private void enqueue(Object event) {
        queue.add(event);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                executor.execute(drainTask);
            } catch (RejectedExecutionException e) {
                // The subscriber's event loop is gone: nothing will ever read this queue again.
                delivering = false;
                queue.clear();
                stream.removeSubscription(this);
                ended.set(true);
            }
        }
    }

    private void drain() {
        for (int i = 0; i < DRAIN_BATCH; i++) {
            Object event = queue.poll();
            if (event == null) {
                break;
            }
            dispatch(event);
        }
        drainScheduled.set(false);
        if (!queue.isEmpty()) {
            scheduleDrain();
        }
    }

    private void dispatch(Object event) {
        if (event instanceof Frame f) {
            queuedFrames.decrementAndGet();
            queuedBytes.addAndGet(-f.size());
        } else if (!(event instanceof EndEvent)) {
            queuedEvents.decrementAndGet();
        }
        if (!delivering) {
            return;
        }
        try {
            switch (event) {
                case Frame f -> {
                    subscriber.onFrame(f);
                    delivered.incrementAndGet();
                    counters.framesOut.increment();
                }
                case TracksEvent t -> subscriber.onTracks(t.tracks());
                case DiscontinuityEvent d -> subscriber.onDiscontinuity();
                case EndEvent e -> {
                    delivering = false;
                    queue.clear();
                    LOG.log(Level.INFO, "subscribe end path={0} protocol={1} remote={2} reason={3} delivered={4} "
                                    + "dropped={5} duration_ms={6}", stream.path(), info.protocol(), info.remoteAddress(),
                            e.reason(), delivered.get(), dropped.get(), (System.nanoTime() - startedNanos) / 1_000_000);
                    subscriber.onEnd(e.reason());
                }
                default -> throw new IllegalStateException("unknown event " + event);
            }
        } catch (RuntimeException e) {
            // A failing subscriber ends itself only; the stream and other subscribers carry on.
            LOG.log(Level.WARNING, "subscriber failed path=" + stream.path() + " protocol=" + info.protocol()
                    + " remote=" + info.remoteAddress(), e);
            delivering = false;
            stream.removeSubscription(this);
            ended.set(true);
            queue.clear();
        }
    }

    @Override
    public String path() {
        return stream.path();
    }

    @Override
    public SubscriberInfo info() {
        return info;
    }

    @Override
    public void requestKeyframe() {
        stream.requestKeyframe();
    }

    @Override
    public long deliveredFrames() {
        return delivered.get();
    }

    @Override
    public long droppedFrames() {
        return dropped.get();
    }

    @Override
    public int queuedFrames() {
        return Math.max(0, queuedFrames.get());
    }

    @Override
    public void close() {
        stream.removeSubscription(this);
        end(Subscriber.EndReason.UNSUBSCRIBED);
    }
}
