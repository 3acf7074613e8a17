package io.livegate.router;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/** The stream registry: creates streams on publish, hands out subscriptions, ends streams after their grace. */
public final class StreamRouter implements StreamRegistry, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StreamRouter.class.getName());
    /** Path segments of URL-safe characters, as used in RTMP app/name, SRT r= and HTTP paths. */
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.~-]+(/[A-Za-z0-9_.~-]+)*");
    public static final int MAX_PATH_LENGTH = 256;

    /** Totals for metrics. */
    public static final class Counters {
        final LongAdder framesIn = new LongAdder();
        final LongAdder framesOut = new LongAdder();
        final LongAdder framesDropped = new LongAdder();
        final LongAdder publishRejected = new LongAdder();

        public long framesIn() {
            return framesIn.sum();
        }

        public long framesOut() {
            return framesOut.sum();
        }

        public long framesDropped() {
            return framesDropped.sum();
        }

        public long publishRejected() {
            return publishRejected.sum();
        }
    }

    private final RouterConfig config;
    private final PublishHook hook;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    final Counters counters = new Counters();
    final ScheduledExecutorService scheduler;

    public StreamRouter(RouterConfig config, PublishHook hook) {
        this.config = Objects.requireNonNull(config);
        this.hook = Objects.requireNonNull(hook);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "livegate-router-timer");
            t.setDaemon(true);
            return t;
        });
    }

    public StreamRouter() {
        this(RouterConfig.DEFAULTS, PublishHook.ALLOW_ALL);
    }

    public RouterConfig config() {
        return config;
    }

    public Counters counters() {
        return counters;
    }

    @Override
    public Publisher publish(PublishRequest request, PublisherControl control) throws PublishRejectedException {
        String path;
        switch (hook.check(request)) {
            case PublishHook.PublishDecision.Allow a -> path = a.path();
            case PublishHook.PublishDecision.Reject r -> {
                counters.publishRejected.increment();
                LOG.log(Level.INFO, "publish rejected path={0} protocol={1} remote={2} reason={3}", request.path(),
                        request.protocol(), request.remoteAddress(), r.reason());
                throw new PublishRejectedException(PublishRejectedException.Reason.NOT_ALLOWED, r.reason());
            }
        }
        if (!isValidPath(path)) {
            counters.publishRejected.increment();
            throw new PublishRejectedException(PublishRejectedException.Reason.BAD_PATH, "invalid stream path: " + path);
        }
        synchronized (this) {
            Stream s = streams.computeIfAbsent(path, p -> new Stream(p, config, this));
            try {
                return s.attach(request.withPath(path), control);
            } catch (PublishRejectedException e) {
                counters.publishRejected.increment();
                LOG.log(Level.INFO, "publish rejected path={0} protocol={1} remote={2} reason={3}", path,
                        request.protocol(), request.remoteAddress(), e.getMessage());
                throw e;
            }
        }
    }

    @Override
    public Subscription subscribe(String path, SubscriberInfo info, Executor executor, Subscriber subscriber)
            throws StreamNotFoundException {
        Stream s = streams.get(path);
        if (s == null) {
            throw new StreamNotFoundException(path);
        }
        return s.subscribe(info, executor, subscriber, counters);
    }

    @Override
    public Optional<Stream> find(String path) {
        return Optional.ofNullable(streams.get(path));
    }

    @Override
    public Collection<Stream> streams() {
        return List.copyOf(streams.values());
    }

    /** Subscribers over all streams. */
    public int subscriberCount() {
        int n = 0;
        for (Stream s : streams.values()) {
            n += s.subscriptionsInternal().size();
        }
        return n;
    }

    /** Frames waiting in all subscriber queues. */
    public long queuedFrames() {
        long n = 0;
        for (Stream s : streams.values()) {
            for (StreamSubscription sub : s.subscriptionsInternal()) {
                n += sub.queuedFrames();
            }
        }
        return n;
    }

    public static boolean isValidPath(String path) {
        return path != null && path.length() <= MAX_PATH_LENGTH && PATH.matcher(path).matches()
                && !path.contains("..");
    }

    /** Called with this router's lock. */
    void remove(Stream s) {
        if (streams.remove(s.path(), s)) {
            s.end(Subscriber.EndReason.STREAM_ENDED);
            LOG.log(Level.INFO, "stream removed path={0}", s.path());
        }
    }

    /** Ends every stream (subscribers get {@code SHUTDOWN}, publishers are disconnected). */
    @Override
    public synchronized void close() {
        for (Stream s : streams.values()) {
            s.end(Subscriber.EndReason.SHUTDOWN);
        }
        streams.clear();
        scheduler.shutdownNow();
    }
}
