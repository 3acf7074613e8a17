package io.livegate.hls;

import io.livegate.router.Stream;
import io.livegate.router.StreamNotFoundException;
import io.livegate.router.StreamRegistry;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HLS egress: one {@link HlsStream} (muxer + router subscription) per stream path, started on the first HLS
 * request for the path (lazy start) or as soon as the stream appears, and stopped after the idle timeout without
 * requests (lazy start only) or when the stream ends. Serves through {@link #handler()}.
 */
public final class HlsEgress implements AutoCloseable {

    /** How often muxers check their publisher and idle time (and new streams are looked for). */
    private static final long TICK_MILLIS = 250;

    private final HlsConfig config;
    private final StreamRegistry registry;
    private final EventLoopGroup group;
    private final Map<String, HlsStream> streams = new ConcurrentHashMap<>();
    private final HlsHttpHandler handler;
    private final ScheduledFuture<?> ticker;
    private volatile boolean closed;

    public HlsEgress(HlsConfig config, StreamRegistry registry, EventLoopGroup group) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.group = Objects.requireNonNull(group, "group");
        this.handler = new HlsHttpHandler(this, config.limits());
        this.ticker = group.next().scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    public HlsHttpHandler handler() {
        return handler;
    }

    public HlsConfig config() {
        return config;
    }

    /** The streams being muxed now. */
    public List<HlsStreamInfo> streams() {
        List<HlsStreamInfo> out = new ArrayList<>(streams.size());
        for (HlsStream s : streams.values()) {
            out.add(new HlsStreamInfo(s.path(), s.muxer().segmentsTotal(), s.muxer().partsTotal(),
                    s.muxer().viewers(), s.bytesServed()));
        }
        return out;
    }

    /** The muxed stream at {@code path}, started now if the stream exists; null when nothing publishes there. */
    HlsStream stream(String path) {
        if (closed) {
            return null;
        }
        HlsStream s = streams.get(path);
        if (s != null && !s.stopped()) {
            return s;
        }
        if (registry.find(path).isEmpty()) {
            return s; // an ended stream still serves its final playlists until idle
        }
        synchronized (this) {
            s = streams.get(path);
            if (s != null && !s.stopped()) {
                return s;
            }
            if (s != null) {
                forget(s);
                s.stop("replaced");
            }
            HlsStream fresh = new HlsStream(path, config, group.next());
            streams.put(path, fresh);
            try {
                fresh.start(registry);
            } catch (StreamNotFoundException e) {
                streams.remove(path, fresh);
                return null;
            }
            return fresh;
        }
    }

    void forget(HlsStream s) {
        streams.remove(s.path(), s);
    }

    private void tick() {
        long now = System.nanoTime();
        long idle = config.idleTimeout().toNanos();
        for (HlsStream s : streams.values()) {
            boolean idleNow = now - s.muxer().lastRequestNanos() > idle;
            if (idleNow && (config.lazyStart() || s.stopped())) {
                forget(s);
                s.stop("idle");
                continue;
            }
            try {
                s.loop().execute(() -> s.tick(registry));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // shutting down
            }
        }
        if (!config.lazyStart() && !closed) {
            for (Stream st : registry.streams()) {
                HlsStream cur = streams.get(st.path());
                if (st.state() == Stream.State.LIVE && (cur == null || cur.stopped())) {
                    stream(st.path());
                }
            }
        }
    }

    /** Stops every muxer; parked requests are answered. */
    @Override
    public void close() {
        closed = true;
        ticker.cancel(false);
        for (HlsStream s : List.copyOf(streams.values())) {
            forget(s);
            s.stop("shutdown");
        }
    }
}
