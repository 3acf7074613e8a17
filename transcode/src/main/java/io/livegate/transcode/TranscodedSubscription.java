package io.livegate.transcode;

import io.livegate.media.Frame;
import io.livegate.media.Track;
import io.livegate.router.Subscriber;
import io.livegate.router.SubscriberInfo;
import io.livegate.router.Subscription;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One viewer of a transcoded stream. It is two feeds merged on one {@link SerialExecutor} over the viewer's
 * executor: the viewer's own router subscription (tracks, video and every non-AAC track with the router's GOP
 * cache, queue bounds and drop rules, AAC frames of transcoded tracks swallowed) and a bounded queue of the
 * shared transcoder's Opus packets (dropped when full: audio has no keyframes to wait for).
 */
final class TranscodedSubscription implements Subscription, Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(TranscodedSubscription.class);
    private static final int DRAIN_BATCH = 64;

    private final StreamTranscoder transcoder;
    private final OpusTranscoding owner;
    private final SubscriberInfo info;
    private final SerialExecutor executor;
    private final Subscriber downstream;
    private final int maxQueue;
    private volatile Subscription upstream;

    // serial-executor only
    private Set<Integer> opusTracks = Set.of();
    private boolean ended;

    private final Queue<Frame> opus = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong opusDelivered = new AtomicLong();
    private final AtomicLong opusDropped = new AtomicLong();
    private final AtomicLong aacSwallowed = new AtomicLong();
    private final Runnable drainTask = this::drain;

    TranscodedSubscription(StreamTranscoder transcoder, OpusTranscoding owner, SubscriberInfo info,
                           SerialExecutor executor, Subscriber downstream, int maxQueue) {
        this.transcoder = transcoder;
        this.owner = owner;
        this.info = info;
        this.executor = executor;
        this.downstream = downstream;
        this.maxQueue = Math.min(maxQueue, info.maxFrames());
    }

    void attached(Subscription routerSubscription) {
        this.upstream = routerSubscription;
    }

    StreamTranscoder transcoder() {
        return transcoder;
    }

    // --- the router side, on the serial executor ---

    @Override
    public void onTracks(List<Track> tracks) {
        if (ended) {
            return;
        }
        Set<Integer> ids = new HashSet<>();
        for (Track t : tracks) {
            if (OpusTrackMapping.transcodable(t)) {
                ids.add(t.id());
            }
        }
        opusTracks = Set.copyOf(ids);
        call(() -> downstream.onTracks(OpusTrackMapping.map(tracks)));
    }

    @Override
    public void onFrame(Frame frame) {
        if (ended) {
            return;
        }
        if (opusTracks.contains(frame.trackId())) {
            aacSwallowed.incrementAndGet();
            return;
        }
        call(() -> downstream.onFrame(frame));
    }

    @Override
    public void onDiscontinuity() {
        if (!ended) {
            call(downstream::onDiscontinuity);
        }
    }

    @Override
    public void onEnd(EndReason reason) {
        if (ended) {
            return;
        }
        ended = true;
        opus.clear();
        closed.set(true);
        // Not inline: with a direct executor the router calls this under its stream lock.
        owner.detachLater(this);
        downstream.onEnd(reason);
    }

    /** Runs a downstream callback; a throwing viewer is ended (as the router does) and detached. */
    private void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            ended = true;
            opus.clear();
            closed.set(true);
            owner.detachLater(this);
            throw e;
        }
    }

    // --- the transcoder side ---

    /** From the transcoder's worker. Never blocks. */
    void offerOpus(Frame frame) {
        if (closed.get()) {
            return;
        }
        if (queued.get() >= maxQueue) {
            opusDropped.incrementAndGet();
            return;
        }
        queued.incrementAndGet();
        opus.add(frame);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                executor.execute(drainTask);
            } catch (RejectedExecutionException e) {
                // The viewer's event loop is gone.
                closed.set(true);
                opus.clear();
                owner.detachLater(this);
            }
        }
    }

    private void drain() {
        drainScheduled.set(false);
        for (int i = 0; i < DRAIN_BATCH; i++) {
            Frame f = opus.poll();
            if (f == null) {
                break;
            }
            queued.decrementAndGet();
            if (ended || !opusTracks.contains(f.trackId())) {
                continue;
            }
            try {
                downstream.onFrame(f);
                opusDelivered.incrementAndGet();
            } catch (RuntimeException e) {
                LOG.warn("subscriber failed path={} protocol={} remote={}", transcoder.path(), info.protocol(),
                        info.remoteAddress(), e);
                ended = true;
                opus.clear();
                closed.set(true);
                Subscription u = upstream;
                if (u != null) {
                    u.close();
                }
                owner.detachLater(this);
                return;
            }
        }
        if (!opus.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            try {
                executor.execute(drainTask);
            } catch (RejectedExecutionException e) {
                closed.set(true);
                opus.clear();
            }
        }
    }

    // --- Subscription ---

    @Override
    public String path() {
        return transcoder.path();
    }

    @Override
    public SubscriberInfo info() {
        return info;
    }

    @Override
    public void requestKeyframe() {
        Subscription u = upstream;
        if (u != null) {
            u.requestKeyframe();
        }
    }

    @Override
    public long deliveredFrames() {
        Subscription u = upstream;
        long router = u == null ? 0 : u.deliveredFrames();
        return Math.max(0, router - aacSwallowed.get()) + opusDelivered.get();
    }

    @Override
    public long droppedFrames() {
        Subscription u = upstream;
        return (u == null ? 0 : u.droppedFrames()) + opusDropped.get();
    }

    @Override
    public int queuedFrames() {
        Subscription u = upstream;
        return (u == null ? 0 : u.queuedFrames()) + Math.max(0, queued.get());
    }

    @Override
    public void close() {
        closed.set(true);
        Subscription u = upstream;
        if (u != null) {
            u.close();
        }
        owner.detach(this);
    }
}
