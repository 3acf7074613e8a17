package io.livegate.transcode;

import io.livegate.router.StreamNotFoundException;
import io.livegate.router.StreamRegistry;
import io.livegate.router.Subscriber;
import io.livegate.router.SubscriberInfo;
import io.livegate.router.Subscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AAC to Opus for WebRTC viewers, once per stream, on a bounded worker pool.
 *
 * <p>Design: a stream's transcoder is itself a router subscriber (protocol {@code transcode}) whose callbacks
 * run on the shared pool; the router's per-subscriber queue already serialises them, so a stream never runs on
 * two workers at once and the pool's task queue holds at most one task per stream. Each viewer keeps its own
 * router subscription for everything but the transcoded audio (so video keeps the GOP cache fast start, the
 * router's queue bounds and drop-to-keyframe rule, keyframe requests, and the API lists the viewer with its
 * protocol and address) and receives the shared Opus packets through a bounded queue; both run on one serial
 * executor over the viewer's executor. No derived stream is published, so paths, listings and grace periods are
 * the router's own.
 */
public final class OpusTranscoding implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpusTranscoding.class);
    /** How the transcoder shows up among a stream's subscribers. */
    static final String PROTOCOL = "transcode";

    private final TranscodeConfig config;
    private final TranscodeLimits limits;
    private final StreamRegistry registry;
    private final ThreadPoolExecutor pool;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private final Map<String, StreamTranscoder> active = new HashMap<>();
    private boolean closed;

    public OpusTranscoding(TranscodeConfig config, StreamRegistry registry) {
        this(config, registry, TranscodeLimits.DEFAULTS);
    }

    OpusTranscoding(TranscodeConfig config, StreamRegistry registry, TranscodeLimits limits) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.limits = Objects.requireNonNull(limits, "limits");
        AtomicInteger n = new AtomicInteger();
        // Unbounded task queue, bounded in practice: each stream has at most one drain task queued at a time.
        this.pool = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "livegate-transcode-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    public TranscodeConfig config() {
        return config;
    }

    /**
     * Like StreamRegistry.subscribe, but each AAC audio track is delivered as an Opus track (Codec.OPUS, clockRate
     * 48000, OpusParameters, SAME track id) whose frames are Payload.OpusPacket of 20 ms with timestamps on the
     * 48 kHz clock derived from the AAC timeline; every other track (video, Opus) passes through untouched. One
     * transcoder per stream shared by all such subscribers: started by the first, stopped when the last closes
     * its Subscription. Transcoding runs on the bounded worker pool, never on the caller's event loop.
     *
     * <p>With transcoding off (globally or for the path) this is exactly {@code registry.subscribe}. AAC tracks
     * the decoder cannot handle (e.g. AAC-LD, PCE layouts) pass through as AAC.
     */
    public Subscription subscribe(String path, SubscriberInfo info, Executor executor, Subscriber subscriber)
            throws StreamNotFoundException {
        int bitrate = config.bitrateFor(path);
        if (bitrate == 0) {
            return registry.subscribe(path, info, executor, subscriber);
        }
        SerialExecutor serial = new SerialExecutor(executor);
        synchronized (lock) {
            if (closed) {
                throw new StreamNotFoundException(path);
            }
            StreamTranscoder st = active.get(path);
            if (st == null || st.stopped()) {
                st = new StreamTranscoder(path, bitrate, config.complexity(), limits, this);
                Subscription source = registry.subscribe(path, new SubscriberInfo(PROTOCOL, ""), pool, st);
                st.started(source);
                active.put(path, st);
            }
            TranscodedSubscription viewer = new TranscodedSubscription(st, this, info, serial, subscriber,
                    limits.maxOpusQueueFrames());
            st.viewers.add(viewer);
            try {
                viewer.attached(registry.subscribe(path, info, serial, viewer));
            } catch (StreamNotFoundException | RuntimeException e) {
                removeViewer(viewer);
                throw e;
            }
            return viewer;
        }
    }

    /** One entry per transcoded track of every running transcoder. */
    public List<TranscoderInfo> transcoders() {
        List<StreamTranscoder> list;
        synchronized (lock) {
            list = List.copyOf(active.values());
        }
        List<TranscoderInfo> out = new ArrayList<>();
        for (StreamTranscoder st : list) {
            out.addAll(st.info());
        }
        return out;
    }

    /** Stops every transcoder and ends every subscription made through this object; the pool winds down. */
    @Override
    public void close() {
        List<StreamTranscoder> list;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            list = List.copyOf(active.values());
        }
        for (StreamTranscoder st : list) {
            for (TranscodedSubscription v : st.viewers) {
                v.close();
            }
            st.stop();
        }
        synchronized (lock) {
            active.clear();
        }
        pool.shutdown();
    }

    // --- callbacks from viewers and transcoders ---

    void detach(TranscodedSubscription viewer) {
        synchronized (lock) {
            removeViewer(viewer);
        }
    }

    /** For callers that may hold a router lock (a direct executor): detach on the pool instead. */
    void detachLater(TranscodedSubscription viewer) {
        try {
            pool.execute(() -> detach(viewer));
        } catch (RejectedExecutionException e) {
            detach(viewer);
        }
    }

    /** Guarded by lock. */
    private void removeViewer(TranscodedSubscription viewer) {
        StreamTranscoder st = viewer.transcoder();
        if (st.viewers.remove(viewer) && st.viewers.isEmpty()) {
            st.stop();
            active.remove(st.path(), st);
        }
    }

    void transcoderEnded(StreamTranscoder st) {
        synchronized (lock) {
            active.remove(st.path(), st);
        }
        if (!st.viewers.isEmpty()) {
            LOG.warn("transcode ended with viewers left path={} viewers={}", st.path(), st.viewers.size());
        }
    }
}
