package io.livegate.router;

import io.livegate.media.Frame;
import io.livegate.media.Track;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A named path with at most one active publisher and any number of subscribers. It outlives its publisher
 * for the grace period, so a reconnecting publisher resumes it and subscribers keep playing.
 */
public final class Stream {

    private static final System.Logger LOG = System.getLogger(Stream.class.getName());

    /** Whether a publisher is attached. */
    public enum State {
        LIVE,
        /** The publisher left; the stream waits for it for the grace period. */
        WAITING
    }

    private final String path;
    private final RouterConfig config;
    private final StreamRouter router;
    private final Instant created = Instant.now();
    private final Map<Integer, Track> tracks = new TreeMap<>();
    private final Map<Integer, TrackStats> stats = new ConcurrentHashMap<>();
    private final List<StreamSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final GopCache gop;
    private final TimestampRebaser rebaser;
    private volatile List<Track> trackList = List.of();
    private volatile PublisherInfo publisherInfo;
    private volatile State state = State.LIVE;
    private StreamPublisher current;
    private ScheduledFuture<?> graceTimer;
    private boolean removed;
    private long lastKeyframeRequestNanos = Long.MIN_VALUE;

    Stream(String path, RouterConfig config, StreamRouter router) {
        this.path = path;
        this.config = config;
        this.router = router;
        this.gop = new GopCache(config.gopCacheMaxFrames(), config.gopCacheMaxBytes());
        this.rebaser = new TimestampRebaser(config.maxTimestampJump().toNanos() / 1000);
    }

    public String path() {
        return path;
    }

    public State state() {
        return state;
    }

    public Instant created() {
        return created;
    }

    public Duration uptime() {
        return Duration.between(created, Instant.now());
    }

    /** The tracks as they are now, by id. */
    public List<Track> tracks() {
        return trackList;
    }

    public Optional<TrackStats> trackStats(int trackId) {
        return Optional.ofNullable(stats.get(trackId));
    }

    /** The current publisher, or the last one while {@link State#WAITING}. */
    public PublisherInfo publisher() {
        return publisherInfo;
    }

    public List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** Frames in the GOP cache now. */
    public synchronized int gopCacheFrames() {
        return gop.size();
    }

    /** Forwards a keyframe request to the publisher, at most once per configured interval. */
    public void requestKeyframe() {
        StreamPublisher p;
        synchronized (this) {
            long now = System.nanoTime();
            if (lastKeyframeRequestNanos != Long.MIN_VALUE
                    && now - lastKeyframeRequestNanos < config.keyframeRequestInterval().toNanos()) {
                return;
            }
            lastKeyframeRequestNanos = now;
            p = current;
        }
        if (p != null) {
            p.control.requestKeyframe();
        }
    }

    /** Attaches a publisher, taking over or resuming as the config allows. Called with the router's lock. */
    synchronized StreamPublisher attach(PublishRequest request, PublisherControl control) throws PublishRejectedException {
        if (removed) {
            throw new IllegalStateException("stream removed");
        }
        StreamPublisher previous = current;
        if (previous != null) {
            if (!config.allowTakeover()) {
                throw new PublishRejectedException(PublishRejectedException.Reason.PATH_BUSY,
                        "stream " + path + " already has a publisher");
            }
            previous.active = false;
            LOG.log(Level.INFO, "publish takeover path={0} old_remote={1} new_remote={2}", path,
                    publisherInfo.remoteAddress(), request.remoteAddress());
        }
        if (graceTimer != null) {
            graceTimer.cancel(false);
            graceTimer = null;
        }
        boolean resumed = publisherInfo != null;
        current = new StreamPublisher(this, control);
        publisherInfo = new PublisherInfo(request.protocol(), request.remoteAddress(), Instant.now());
        state = State.LIVE;
        rebaser.newSession();
        gop.clear();
        if (resumed) {
            subscriptions.forEach(StreamSubscription::offerDiscontinuity);
        }
        LOG.log(Level.INFO, "publish start path={0} protocol={1} remote={2} resumed={3}", path, request.protocol(),
                request.remoteAddress(), resumed);
        if (previous != null) {
            previous.control.disconnect("taken over by " + request.remoteAddress());
        }
        return current;
    }

    synchronized Subscription subscribe(SubscriberInfo info, Executor executor, Subscriber subscriber,
                                        StreamRouter.Counters counters) throws StreamNotFoundException {
        if (removed) {
            throw new StreamNotFoundException(path);
        }
        StreamSubscription s = new StreamSubscription(this, info, executor, subscriber, counters);
        List<Track> now = trackList;
        s.awaitKeyframes(now);
        s.offerTracks(now, Set.of());
        for (Frame f : gop.snapshot()) {
            s.offerFrame(f, isVideo(f.trackId()));
        }
        subscriptions.add(s);
        LOG.log(Level.INFO, "subscribe start path={0} protocol={1} remote={2} gop_frames={3}", path, info.protocol(),
                info.remoteAddress(), gop.size());
        return s;
    }

    void removeSubscription(StreamSubscription s) {
        subscriptions.remove(s);
    }

    // --- publisher side, called through StreamPublisher on the ingest's thread ---

    synchronized void setTrack(StreamPublisher p, Track track) {
        if (!p.active) {
            return;
        }
        Track old = tracks.get(track.id());
        if (Objects.equals(old, track)) {
            return;
        }
        tracks.put(track.id(), track);
        trackList = List.copyOf(tracks.values());
        stats.computeIfAbsent(track.id(), id -> new TrackStats());
        Set<Integer> newVideo = new HashSet<>();
        if (track.isVideo()) {
            newVideo.add(track.id());
            if (old != null && track.id() == primaryVideoTrack()) {
                // Cached frames were coded with the old parameters.
                gop.clear();
            }
        }
        for (StreamSubscription s : subscriptions) {
            s.offerTracks(trackList, old == null ? newVideo : Set.of());
        }
    }

    synchronized void write(StreamPublisher p, Frame frame) {
        if (!p.active) {
            return;
        }
        Track track = tracks.get(frame.trackId());
        if (track == null) {
            p.framesWithoutTrack++;
            return;
        }
        TimestampRebaser.Result r = rebaser.rebase(frame, track.clockRate());
        Frame f = r.frame();
        boolean video = track.isVideo();
        stats.get(track.id()).record(f, track.clockRate(), video);
        router.counters.framesIn.increment();
        p.frames++;
        if (r.jumped()) {
            LOG.log(Level.WARNING, "timestamp jump path={0} track={1}: re-anchored", path, track.id());
            subscriptions.forEach(StreamSubscription::offerDiscontinuity);
        }
        gop.add(f, video && f.keyframe() && track.id() == primaryVideoTrack());
        for (StreamSubscription s : subscriptions) {
            s.offerFrame(f, video);
        }
    }

    void detach(StreamPublisher p) {
        synchronized (router) {
            synchronized (this) {
                if (current != p) {
                    return;
                }
                p.active = false;
                current = null;
                state = State.WAITING;
                LOG.log(Level.INFO, "publish end path={0} protocol={1} remote={2} frames={3} frames_without_track={4} "
                                + "duration_ms={5}", path, publisherInfo.protocol(), publisherInfo.remoteAddress(), p.frames,
                        p.framesWithoutTrack, Duration.between(publisherInfo.since(), Instant.now()).toMillis());
                long graceMs = config.gracePeriod().toMillis();
                if (graceMs == 0) {
                    router.remove(this);
                } else {
                    graceTimer = router.scheduler.schedule(this::graceExpired, graceMs, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private void graceExpired() {
        synchronized (router) {
            synchronized (this) {
                if (current == null && !removed) {
                    router.remove(this);
                }
            }
        }
    }

    /** Ends the stream for everyone. Called with the router's lock held. */
    synchronized void end(Subscriber.EndReason reason) {
        if (removed) {
            return;
        }
        removed = true;
        if (graceTimer != null) {
            graceTimer.cancel(false);
        }
        StreamPublisher p = current;
        current = null;
        if (p != null) {
            p.active = false;
            p.control.disconnect("stream ended");
        }
        for (StreamSubscription s : subscriptions) {
            s.end(reason);
        }
        subscriptions.clear();
        gop.clear();
    }

    Collection<StreamSubscription> subscriptionsInternal() {
        return subscriptions;
    }

    private int primaryVideoTrack() {
        for (Track t : tracks.values()) {
            if (t.isVideo()) {
                return t.id();
            }
        }
        return -1;
    }

    private boolean isVideo(int trackId) {
        Track t = tracks.get(trackId);
        return t != null && t.isVideo();
    }

    /** The publisher handle returned to ingest. */
    static final class StreamPublisher implements Publisher {
        private final Stream stream;
        final PublisherControl control;
        volatile boolean active = true;
        long frames;
        long framesWithoutTrack;

        StreamPublisher(Stream stream, PublisherControl control) {
            this.stream = stream;
            this.control = control;
        }

        @Override
        public String path() {
            return stream.path;
        }

        @Override
        public void setTrack(Track track) {
            stream.setTrack(this, track);
        }

        @Override
        public void write(Frame frame) {
            stream.write(this, frame);
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void close() {
            stream.detach(this);
        }
    }

    @Override
    public String toString() {
        return "Stream[" + path + ", " + state + ", " + new ArrayList<>(trackList) + "]";
    }
}
