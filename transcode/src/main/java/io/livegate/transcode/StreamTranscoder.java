package io.livegate.transcode;

import io.livegate.media.Frame;
import io.livegate.media.Track;
import io.livegate.router.Subscriber;
import io.livegate.router.Subscription;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one transcoder of a stream: a router {@link Subscriber} whose callbacks run on the shared worker pool (the
 * router already runs a subscriber's callbacks one at a time, so the pool needs no per-stream lock), with one
 * {@link TrackTranscoder} per transcodable AAC track, fanning the Opus packets out to the viewers' queues.
 */
final class StreamTranscoder implements Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(StreamTranscoder.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

    private final String path;
    private final int bitrate;
    private final int complexity;
    private final TranscodeLimits limits;
    private final OpusTranscoding owner;
    final List<TranscodedSubscription> viewers = new CopyOnWriteArrayList<>();
    /** Worker-only. */
    private final Map<Integer, TrackTranscoder> tracks = new HashMap<>();
    /** Worker-only: tracks we could not set up, so we log once. */
    private final Set<Track> refused = new HashSet<>();
    private volatile List<TrackTranscoder> snapshot = List.of();
    private final AtomicLong cpuNanos = new AtomicLong();
    private final long startedNanos = System.nanoTime();
    private volatile Subscription source;
    private volatile boolean stopped;

    StreamTranscoder(String path, int bitrate, int complexity, TranscodeLimits limits, OpusTranscoding owner) {
        this.path = path;
        this.bitrate = bitrate;
        this.complexity = complexity;
        this.limits = limits;
        this.owner = owner;
    }

    String path() {
        return path;
    }

    void started(Subscription sourceSubscription) {
        this.source = sourceSubscription;
        LOG.info("transcode start path={} bitrate={} complexity={}", path, bitrate, complexity);
    }

    boolean stopped() {
        return stopped;
    }

    /** Called by the owner with its lock held when the last viewer left. */
    void stop() {
        stopped = true;
        Subscription s = source;
        if (s != null) {
            s.close();
        }
    }

    long cpuNanos() {
        return cpuNanos.get();
    }

    List<TranscoderInfo> info() {
        List<TranscoderInfo> out = new ArrayList<>();
        for (TrackTranscoder t : snapshot) {
            out.add(t.info(path, cpuNanos.get(), viewers.size()));
        }
        return out;
    }

    @Override
    public void onTracks(List<Track> list) {
        Map<Integer, TrackTranscoder> keep = new HashMap<>();
        for (Track t : list) {
            if (!OpusTrackMapping.transcodable(t)) {
                if (t.codec() == io.livegate.media.Codec.AAC && t.parameters() != null && refused.add(t)) {
                    LOG.warn("transcode unsupported AAC track path={} track={} params={}: passed through", path,
                            t.id(), t.parameters());
                }
                continue;
            }
            TrackTranscoder existing = tracks.get(t.id());
            try {
                if (existing == null) {
                    keep.put(t.id(), new TrackTranscoder(path, t, bitrate, complexity, limits, this::fanOut));
                } else {
                    if (!existing.track().equals(t)) {
                        existing.configure(t);
                    }
                    keep.put(t.id(), existing);
                }
            } catch (Exception e) {
                if (refused.add(t)) {
                    LOG.warn("transcode cannot set up track path={} track={}: {}", path, t.id(), e.getMessage());
                }
            }
        }
        tracks.clear();
        tracks.putAll(keep);
        snapshot = List.copyOf(keep.values());
    }

    @Override
    public void onFrame(Frame frame) {
        TrackTranscoder t = tracks.get(frame.trackId());
        if (t == null || stopped) {
            return;
        }
        long start = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        try {
            t.onFrame(frame);
        } catch (RuntimeException e) {
            // A transcoder bug must not end the stream's audio for good: count it as a bad frame and go on.
            LOG.warn("transcode failed on a frame path={} track={}", path, frame.trackId(), e);
            t.discontinuity();
        } finally {
            long end = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
            cpuNanos.addAndGet(end - start);
        }
    }

    @Override
    public void onDiscontinuity() {
        for (TrackTranscoder t : tracks.values()) {
            t.discontinuity();
        }
    }

    @Override
    public void onEnd(EndReason reason) {
        long in = 0;
        long out = 0;
        long bad = 0;
        for (TrackTranscoder t : tracks.values()) {
            in += t.framesIn();
            out += t.framesOut();
            bad += t.badFrames();
        }
        tracks.clear();
        snapshot = List.of();
        LOG.info("transcode end path={} reason={} frames_in={} frames_out={} bad_frames={} cpu_ms={} duration_ms={}",
                path, reason, in, out, bad, cpuNanos.get() / 1_000_000, (System.nanoTime() - startedNanos) / 1_000_000);
        stopped = true;
        owner.transcoderEnded(this);
    }

    private void fanOut(Frame opus) {
        for (TranscodedSubscription v : viewers) {
            v.offerOpus(opus);
        }
    }
}
