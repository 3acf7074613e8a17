package io.livegate.hls.muxer;

import io.livegate.hls.fmp4.InitSegment;
import io.livegate.hls.playlist.Tag;
import io.livegate.hls.store.ByteBudget;
import io.livegate.hls.store.SegmentStore;
import io.livegate.hls.store.StoredPart;
import io.livegate.hls.store.StoredSegment;
import io.livegate.media.Frame;
import io.livegate.media.Track;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HLS face of one stream: takes its frames, cuts them into parts and segments per rendition (video and
 * audio as separate fMP4 renditions, audio cut at the video's part boundaries), and answers HLS requests,
 * parking the blocking ones in a {@link BlockingReloadRegistry}. Every method runs on the muxer's event loop.
 */
public final class HlsMuxer {

    private static final Logger LOG = LoggerFactory.getLogger(HlsMuxer.class);
    /** Init segments kept per rendition (older segments in the window may still refer to them). */
    private static final int MAX_INIT_VERSIONS = 4;

    private final String path;
    private final MuxerConfig config;
    private final ScheduledExecutorService loop;
    private final String generation;
    private final ByteBudget budget;
    private final BlockingReloadRegistry waiters;
    private final ViewerSessions viewers;
    private final WallClock clock = new WallClock();
    private final AudioAligner aligner = new AudioAligner();
    private final Map<String, Map<Integer, byte[]>> inits = new LinkedHashMap<>();
    private final Map<String, Integer> initVersion = new LinkedHashMap<>();
    private Rendition video;
    private Rendition audio;
    private Segmenter segmenter;
    private int targetDuration;
    private boolean ended;
    private boolean publisherGone;
    private volatile long lastRequestNanos = System.nanoTime();
    private volatile long segmentsTotal;
    private volatile long partsTotal;
    private volatile int viewerCount;

    public HlsMuxer(String path, MuxerConfig config, ScheduledExecutorService loop) {
        this.path = path;
        this.config = config;
        this.loop = loop;
        this.generation = Long.toString(System.currentTimeMillis(), 36);
        this.budget = new ByteBudget(config.maxBytes());
        this.waiters = new BlockingReloadRegistry(loop, config.maxParked());
        this.viewers = new ViewerSessions(config.viewerTimeout().toNanos(), config.maxViewers());
        this.targetDuration = (int) Math.max(1, Math.round(config.segmentTarget().toMillis() / 1000.0));
    }

    public String path() {
        return path;
    }

    public String generation() {
        return generation;
    }

    public ScheduledExecutorService loop() {
        return loop;
    }

    // ---- media side -------------------------------------------------------------------------------------------

    /** The stream's tracks (again after every change): picks one video and one audio track HLS can carry. */
    public void onTracks(List<Track> tracks) {
        MuxerTrack v = null;
        MuxerTrack a = null;
        for (Track t : tracks) {
            MuxerTrack m = TrackSetup.of(t);
            if (m == null) {
                continue;
            }
            if (m.isVideo() && v == null) {
                v = m;
            } else if (!m.isVideo() && a == null) {
                a = m;
            }
        }
        boolean videoChanged = changed(video, v);
        boolean audioChanged = changed(audio, a);
        if (!videoChanged && !audioChanged) {
            return;
        }
        boolean hadMedia = video != null || audio != null;
        flushAll();
        video = replace(HlsNames.VIDEO, video, v);
        audio = replace(HlsNames.AUDIO, audio, a);
        Rendition driver = video != null ? video : audio;
        segmenter = driver == null ? null : new Segmenter(ticks(config.segmentTarget(), driver.track().timescale()),
                ticks(config.partTarget(), driver.track().timescale()));
        if (hadMedia) {
            markDiscontinuity();
        }
        LOG.info("hls tracks path={} video={} audio={}", path, v == null ? "-" : v.codecs(),
                a == null ? "-" : a.codecs());
    }

    private static boolean changed(Rendition r, MuxerTrack t) {
        if (r == null || t == null) {
            return (r == null) != (t == null);
        }
        return !r.track().track().equals(t.track());
    }

    private Rendition replace(String name, Rendition old, MuxerTrack t) {
        if (t == null) {
            if (old != null) {
                old.store().clear(); // gives its bytes back to the stream's budget
            }
            return null;
        }
        if (old != null && old.track().track().equals(t.track())) {
            return old;
        }
        int version = initVersion.merge(name, 1, Integer::sum) - 1;
        Map<Integer, byte[]> byVersion = inits.computeIfAbsent(name, k -> new LinkedHashMap<>());
        byVersion.put(version, InitSegment.write(t.fmp4()));
        while (byVersion.size() > MAX_INIT_VERSIONS) {
            byVersion.remove(byVersion.keySet().iterator().next());
        }
        SegmentStore store = old != null ? old.store() : new SegmentStore(config.window(), budget);
        Rendition r;
        if (old != null) {
            old.setTrack(t);
            r = old;
        } else {
            r = new Rendition(name, t, store, clock, this::onMediaUpdate);
        }
        r.setMapUri(HlsNames.init(name, generation, version));
        return r;
    }

    public void onFrame(Frame frame) {
        if (ended) {
            return;
        }
        publisherGone = false;
        if (video != null && frame.trackId() == video.track().track().id()) {
            clock.observe(frame, video.track().timescale());
            onVideo(frame);
        } else if (audio != null && frame.trackId() == audio.track().track().id()) {
            clock.observe(frame, audio.track().timescale());
            onAudio(frame);
        }
    }

    private void onVideo(Frame f) {
        Segmenter.Cut cut = segmenter.next(f.dts(), f.keyframe(), video.lastDuration());
        if (!segmenter.started()) {
            return;
        }
        video.push(f, cut);
        long us = toUs(f.dts(), video.track().timescale());
        if (cut != Segmenter.Cut.NONE && audio != null) {
            aligner.boundary(us, cut == Segmenter.Cut.SEGMENT);
        }
        aligner.videoAt(us);
        drainAudio(false);
    }

    private void onAudio(Frame f) {
        if (video == null) {
            Segmenter.Cut cut = segmenter.next(f.dts(), true, audio.lastDuration());
            audio.push(f, cut);
            return;
        }
        drainAudio(aligner.offer(f));
    }

    /** Adds queued audio frames whose part is known: those before the latest video frame. */
    private void drainAudio(boolean all) {
        if (audio != null) {
            aligner.drain(all, audio.track().timescale(), audio::push);
        }
    }

    /** The publisher reconnected or the timeline jumped: close what is open, mark the next segments. */
    public void onDiscontinuity() {
        flushAll();
        markDiscontinuity();
    }

    private void markDiscontinuity() {
        if (video != null) {
            video.markDiscontinuity();
        }
        if (audio != null) {
            audio.markDiscontinuity();
        }
        if (segmenter != null) {
            segmenter.reset();
        }
        clock.reset();
    }

    private void flushAll() {
        drainAudio(true);
        aligner.reset();
        if (video != null) {
            video.flush();
        }
        if (audio != null) {
            audio.flush();
        }
    }

    /**
     * The publisher left (the stream waits for it) and every frame it sent is muxed: the held-back frames become
     * a final part, so nothing waits on them, and requests waiting for later media are answered 503 at once
     * instead of hanging. The segment stays open: a returning publisher continues it (the router then signals
     * the discontinuity), and the stream's end closes it.
     */
    public void publisherGone() {
        if (publisherGone || ended) {
            return;
        }
        publisherGone = true;
        drainAudio(true);
        if (video != null) {
            video.flushPart();
        }
        if (audio != null) {
            audio.flushPart();
        }
        waiters.releaseAll(false);
    }

    /** The stream ended or the muxer stops: final segments, EXT-X-ENDLIST, every waiter answered. */
    public void end() {
        if (ended) {
            return;
        }
        flushAll();
        ended = true;
        waiters.releaseAll(true);
    }

    public boolean ended() {
        return ended;
    }

    private void onMediaUpdate() {
        long segs = 0;
        long parts = 0;
        for (Rendition r : renditions()) {
            segs += r.store().segmentsTotal();
            parts += r.store().partsTotal();
            StoredSegment last = r.store().lastComplete();
            if (last != null) {
                targetDuration = Math.max(targetDuration, (int) Math.round(last.duration()));
            }
        }
        segmentsTotal = segs;
        partsTotal = parts;
        waiters.wake();
    }

    // ---- request side -----------------------------------------------------------------------------------------

    /** Answers a request now, or parks it until it can be answered. */
    public void serve(HlsResource resource, String viewerKey, ReplySink sink) {
        long now = System.nanoTime();
        lastRequestNanos = now;
        switch (resource) {
            case HlsResource.Multivariant m -> {
                if (!ready()) {
                    park(sink, this::ready, config.startTimeout(), () -> serve(resource, viewerKey, sink),
                            "stream not ready");
                    return;
                }
                sink.reply(video == null && audio == null ? HlsReply.error(404, "no track HLS can carry")
                        : multivariant(m.classic()));
            }
            case HlsResource.MediaPlaylist p -> servePlaylist(p, viewerKey, sink, now);
            case HlsResource.Init i -> {
                byte[] b = i.generation().equals(generation)
                        ? inits.getOrDefault(i.rendition(), Map.of()).get(i.version()) : null;
                sink.reply(b == null ? HlsReply.error(404, "no such init segment")
                        : HlsReply.ok(mediaType(i.rendition()), HlsReply.IMMUTABLE, List.of(b)));
            }
            case HlsResource.Segment s -> {
                Rendition r = rendition(s.rendition());
                StoredSegment seg = r == null || !s.generation().equals(generation) ? null : r.store().segment(s.msn());
                sink.reply(seg == null || !seg.complete() ? HlsReply.error(404, "no such segment")
                        : HlsReply.ok(mediaType(s.rendition()), HlsReply.IMMUTABLE, seg.chunks()));
            }
            case HlsResource.Part p -> servePart(p, sink);
        }
    }

    private void servePart(HlsResource.Part p, ReplySink sink) {
        Rendition r = rendition(p.rendition());
        if (r == null || !p.generation().equals(generation)) {
            sink.reply(HlsReply.error(404, "no such part"));
            return;
        }
        StoredPart part = r.store().part(p.id());
        if (part != null) {
            sink.reply(HlsReply.ok(mediaType(p.rendition()), HlsReply.IMMUTABLE, List.of(part.data())));
            return;
        }
        long next = r.nextPartId();
        // A preload-hinted part (or one a little further ahead) is held until it exists.
        if (!ended && p.id() >= next && p.id() <= next + advanceParts()) {
            park(sink, () -> r.nextPartId() > p.id() || ended, config.blockingTimeout(), () -> {
                StoredPart now = r.store().part(p.id());
                sink.reply(now == null ? HlsReply.error(404, "no such part")
                        : HlsReply.ok(mediaType(p.rendition()), HlsReply.IMMUTABLE, List.of(now.data())));
            }, "part not available in time");
            return;
        }
        sink.reply(HlsReply.error(404, "no such part"));
    }

    private void servePlaylist(HlsResource.MediaPlaylist p, String viewerKey, ReplySink sink, long now) {
        if (!ready()) {
            park(sink, this::ready, config.startTimeout(), () -> servePlaylist(p, viewerKey, sink, now),
                    "stream not ready");
            return;
        }
        Rendition r = rendition(p.rendition());
        if (r == null) {
            sink.reply(HlsReply.error(404, "no such rendition"));
            return;
        }
        if (viewerKey != null) {
            viewers.touch(viewerKey, now);
            viewerCount = viewers.count(now);
        }
        if (r.store().lastComplete() == null && !ended) {
            park(sink, () -> r.store().lastComplete() != null || ended, config.startTimeout(),
                    () -> servePlaylist(p, null, sink, now), "rendition not ready");
            return;
        }
        if (p.classic() || p.msn() < 0 || ended) {
            sink.reply(playlistReply(r, p, false));
            return;
        }
        StoredPart last = r.store().lastPart();
        long lastMsn = last == null ? -1 : last.msn();
        if (p.msn() > lastMsn + 2) {
            sink.reply(HlsReply.error(400, "_HLS_msn " + p.msn() + " is more than 2 past the last segment "
                    + lastMsn));
            return;
        }
        if (p.part() >= 0 && last != null) {
            long partsAhead = p.msn() == lastMsn ? p.part() - last.index() : p.msn() > lastMsn ? p.part() + 1 : 0;
            if (partsAhead > advanceParts()) {
                sink.reply(HlsReply.error(400, "_HLS_part " + p.part() + " is more than " + advanceParts()
                        + " parts past the last part"));
                return;
            }
        }
        if (satisfied(r, p.msn(), p.part())) {
            sink.reply(playlistReply(r, p, true));
            return;
        }
        park(sink, () -> satisfied(r, p.msn(), p.part()) || ended, config.blockingTimeout(),
                () -> sink.reply(playlistReply(r, p, true)), "playlist not updated in time");
    }

    /** rfc8216bis 6.2.5.2: the playlist holds segment msn (whole), or part {@code part} of it, or anything later. */
    private static boolean satisfied(Rendition r, long msn, long part) {
        if (part < 0) {
            StoredSegment c = r.store().lastComplete();
            return c != null && c.msn() >= msn;
        }
        StoredPart last = r.store().lastPart();
        return last != null && (last.msn() > msn || (last.msn() == msn && last.index() >= part));
    }

    /** The Advance Part Limit of rfc8216bis 6.2.5.2: three seconds' worth of parts, at least three. */
    private long advanceParts() {
        double pt = config.partTarget().toNanos() / 1e9;
        return pt < 1 ? (long) Math.ceil(3 / pt) : 3;
    }

    private void park(ReplySink sink, java.util.function.BooleanSupplier ready, Duration timeout, Runnable answer,
                      String timeoutMessage) {
        Runnable cancel = waiters.park(new BlockingReloadRegistry.Waiter() {
            @Override
            public boolean ready() {
                return ready.getAsBoolean();
            }

            @Override
            public void complete() {
                answer.run();
            }

            @Override
            public void expire() {
                sink.reply(HlsReply.error(503, timeoutMessage));
            }
        }, timeout);
        if (cancel == null) {
            sink.reply(HlsReply.error(503, "too many waiting requests for this stream"));
            return;
        }
        sink.onAbandon(cancel);
    }

    private HlsReply playlistReply(Rendition r, HlsResource.MediaPlaylist p, boolean blocking) {
        List<Tag.RenditionReport> reports = new ArrayList<>(1);
        if (!p.classic()) {
            for (Rendition other : renditions()) {
                if (other == r) {
                    continue;
                }
                StoredPart lp = other.store().lastPart();
                if (lp != null) {
                    reports.add(new Tag.RenditionReport(HlsNames.playlist(other.name(), false), lp.msn(), lp.index()));
                }
            }
        }
        String text = MediaPlaylistWriter.write(r.store(), settings(r), new MediaPlaylistWriter.Request(r.name(),
                generation, p.classic(), p.skip(), ended, r.nextPartId(), reports));
        String cache;
        if (ended) {
            cache = "max-age=1";
        } else if (blocking) {
            // The answer to a given _HLS_msn/_HLS_part stays valid: CDNs may cache it under its query string.
            cache = "public, max-age=" + 6 * targetDuration;
        } else {
            cache = p.classic() ? "max-age=1" : "no-cache";
        }
        return HlsReply.ok(HlsReply.PLAYLIST_TYPE, cache, List.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    MediaPlaylistWriter.Settings settings(Rendition r) {
        double partTarget = config.partTarget().toNanos() / 1e9;
        double maxPartTarget = partTarget;
        if (video != null && audio != null) {
            // Audio parts end at the first audio frame past the video's boundary: up to one frame longer.
            maxPartTarget = partTarget + audio.track().nominalDuration() / (double) audio.track().timescale();
        }
        double own = r == audio && video != null ? maxPartTarget : partTarget;
        return new MediaPlaylistWriter.Settings(targetDuration, round3up(own), round3up(3 * maxPartTarget),
                6.0 * targetDuration);
    }

    private static double round3up(double v) {
        return Math.ceil(v * 1000 - 1e-6) / 1000;
    }

    private HlsReply multivariant(boolean classic) {
        String text = MultivariantPlaylistWriter.write(video, audio, classic);
        return HlsReply.ok(HlsReply.PLAYLIST_TYPE, "max-age=1", List.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether playlists can be answered: the driving track has a complete segment, and so has the audio (players
     * would otherwise start without it), unless three video segments went by without audio (a silent track).
     */
    private boolean ready() {
        if (ended) {
            return true;
        }
        Rendition driver = video != null ? video : audio;
        if (driver == null || driver.store().lastComplete() == null) {
            return false;
        }
        if (video != null && audio != null && audio.store().lastComplete() == null) {
            return video.store().completeSegments().size() >= 3;
        }
        return true;
    }

    private Rendition rendition(String name) {
        return HlsNames.VIDEO.equals(name) ? video : HlsNames.AUDIO.equals(name) ? audio : null;
    }

    private List<Rendition> renditions() {
        List<Rendition> out = new ArrayList<>(2);
        if (video != null) {
            out.add(video);
        }
        if (audio != null) {
            out.add(audio);
        }
        return out;
    }

    private static String mediaType(String rendition) {
        return HlsNames.AUDIO.equals(rendition) ? "audio/mp4" : "video/mp4";
    }

    static long toUs(long ticks, int timescale) {
        return Math.multiplyHigh(ticks, 1_000_000L) == 0 && ticks >= 0
                ? ticks * 1_000_000L / timescale : (long) (ticks * (1_000_000.0 / timescale));
    }

    private static long ticks(Duration d, int timescale) {
        return d.toNanos() * timescale / 1_000_000_000L;
    }

    // ---- stats (any thread) -----------------------------------------------------------------------------------

    public long lastRequestNanos() {
        return lastRequestNanos;
    }

    public long segmentsTotal() {
        return segmentsTotal;
    }

    public long partsTotal() {
        return partsTotal;
    }

    public int viewers() {
        return viewerCount;
    }

    /** Recounts viewers (sessions expire with time, not with requests); call on the loop. */
    public void tick() {
        viewerCount = viewers.count(System.nanoTime());
    }

    /** Requests parked now; call on the loop. */
    public int parkedRequests() {
        return waiters.size();
    }

    /** Drops all stored media (the muxer is gone); call on the loop after {@link #end()}. */
    public void release() {
        for (Rendition r : renditions()) {
            r.store().clear();
        }
        inits.clear();
    }
}
