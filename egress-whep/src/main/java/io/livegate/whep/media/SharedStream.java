package io.livegate.whep.media;

import io.livegate.media.Codec;
import io.livegate.media.Frame;
import io.livegate.media.Track;
import io.livegate.rtc.rtp.codec.H264Packetizer;
import io.livegate.rtc.rtp.codec.H265Packetizer;
import io.livegate.rtc.rtp.codec.PayloadFormats;
import io.livegate.rtc.rtp.codec.RtpPacketizer;
import io.livegate.media.CodecParameters;
import io.livegate.router.Subscriber;
import io.livegate.router.Subscription;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream as every WHEP viewer sees it: subscribed once, each frame packetized once, and the packetized
 * frames since the latest video keyframe kept for viewers that join. Runs on one event loop; sinks on other
 * loops get their calls through their own executor.
 */
public final class SharedStream implements Subscriber {
    private static final Logger log = LoggerFactory.getLogger(SharedStream.class);

    private final String path;
    private final EventExecutor loop;
    private final int maxPayloadSize;
    private final int gopCacheMaxPackets;
    private final Runnable onIdle;
    private final List<MediaSink> sinks = new CopyOnWriteArrayList<>();
    private final Map<Integer, Track> tracks = new HashMap<>();
    private final Map<Integer, RtpPacketizer> packetizers = new HashMap<>();
    private final List<PacketizedFrame> gop = new ArrayList<>();
    private int gopPackets;
    private boolean hasVideo;
    private volatile Subscription subscription;
    private volatile boolean ended;
    private long framesPacketized;
    private long framesDropped;
    private final AudioPacer audioPacer;

    SharedStream(String path, EventExecutor loop, int maxPayloadSize, int gopCacheMaxPackets, Runnable onIdle) {
        this.path = path;
        this.loop = loop;
        this.audioPacer = new AudioPacer(System::nanoTime,
                (task, delayNanos) -> loop.schedule(task, delayNanos, java.util.concurrent.TimeUnit.NANOSECONDS),
                this::send);
        this.maxPayloadSize = maxPayloadSize;
        this.gopCacheMaxPackets = gopCacheMaxPackets;
        this.onIdle = onIdle;
    }

    void subscribed(Subscription s) {
        this.subscription = s;
    }

    public String path() {
        return path;
    }

    public EventExecutor loop() {
        return loop;
    }

    boolean ended() {
        return ended;
    }

    /** Asks the publisher for a keyframe (the router rate-limits per stream). */
    public void requestKeyframe() {
        Subscription s = subscription;
        if (s != null) {
            s.requestKeyframe();
        }
    }

    /** Adds a viewer: it gets the tracks and the cached GOP, then live frames. Any thread. */
    public void attach(MediaSink sink) {
        loop.execute(() -> {
            if (ended) {
                deliver(sink, () -> sink.onEnd("stream ended"));
                return;
            }
            sinks.add(sink);
            List<Track> t = List.copyOf(tracks.values());
            List<PacketizedFrame> cached = List.copyOf(gop);
            deliver(sink, () -> {
                if (!t.isEmpty()) {
                    sink.onTracks(t);
                }
                sink.onStart(cached);
            });
        });
    }

    /** Removes a viewer; the last one out ends the subscription. Any thread. */
    public void detach(MediaSink sink) {
        loop.execute(() -> {
            if (sinks.remove(sink) && sinks.isEmpty() && !ended) {
                ended = true;
                onIdle.run();
                Subscription s = subscription;
                if (s != null) {
                    s.close();
                }
            }
        });
    }

    public int viewers() {
        return sinks.size();
    }

    @Override
    public void onTracks(List<Track> newTracks) {
        for (Track t : newTracks) {
            Track old = tracks.get(t.id());
            if (old != null && old.codec() != t.codec()) {
                gop.clear(); // cached frames of the old codec must not reach a new viewer
                gopPackets = 0;
            }
        }
        tracks.clear();
        packetizers.keySet().removeIf(id -> newTracks.stream().noneMatch(t -> t.id() == id && t.codec() != Codec.AAC));
        hasVideo = false;
        for (Track t : newTracks) {
            tracks.put(t.id(), t);
            hasVideo |= t.isVideo();
            RtpPacketizer p = packetizers.get(t.id());
            if (p instanceof H264Packetizer h && t.parameters() instanceof CodecParameters.H264Parameters hp) {
                h.setParameters(hp);
            } else if (p instanceof H265Packetizer h && t.parameters() instanceof CodecParameters.H265Parameters hp) {
                h.setParameters(hp);
            } else if (t.codec() != Codec.AAC) {
                packetizers.put(t.id(), PayloadFormats.packetizer(t));
            }
        }
        List<Track> snapshot = List.copyOf(newTracks);
        for (MediaSink s : sinks) {
            deliver(s, () -> s.onTracks(snapshot));
        }
    }

    @Override
    public void onFrame(Frame frame) {
        Track track = tracks.get(frame.trackId());
        RtpPacketizer p = packetizers.get(frame.trackId());
        if (track == null || p == null) {
            return; // AAC without a transcoder, or a track we cannot packetize
        }
        PacketizedFrame pf;
        try {
            pf = new PacketizedFrame(track.id(), track.codec(), frame.pts(), frame.keyframe(),
                    p.packetize(frame, maxPayloadSize), frame.ingestNanos());
        } catch (RuntimeException e) {
            if (framesDropped++ == 0) {
                log.warn("whep packetize failed path={} track={} codec={} error={}", path, track.id(), track.codec(),
                        e.toString());
            }
            return;
        }
        framesPacketized++;
        cache(pf);
        if (!pf.isVideo()) {
            audioPacer.offer(pf, track.clockRate()); // audio leaves on its timeline, not in the bursts it came in
            return;
        }
        send(pf);
    }

    private void send(PacketizedFrame pf) {
        if (ended) {
            return;
        }
        for (MediaSink s : sinks) {
            deliver(s, () -> s.onFrame(pf));
        }
    }

    private void cache(PacketizedFrame pf) {
        if (!hasVideo) {
            return;
        }
        if (pf.isVideo() && pf.keyframe()) {
            gop.clear();
            gopPackets = 0;
        } else if (gop.isEmpty()) {
            return; // the cache starts at a keyframe
        }
        if (gopPackets + pf.payloads().size() > gopCacheMaxPackets) {
            gop.clear(); // too long a GOP: new viewers wait for the next keyframe
            gopPackets = 0;
            return;
        }
        gop.add(pf);
        gopPackets += pf.payloads().size();
    }

    /** Packetized GOP frames held now (for tests and metrics). */
    int cachedFrames() {
        return gop.size();
    }

    @Override
    public void onEnd(EndReason reason) {
        ended = true;
        onIdle.run();
        for (MediaSink s : sinks) {
            deliver(s, () -> s.onEnd(reason.name().toLowerCase(java.util.Locale.ROOT)));
        }
        sinks.clear();
        log.info("whep stream end path={} reason={} frames={} dropped={}", path, reason, framesPacketized,
                framesDropped);
    }

    private static void deliver(MediaSink sink, Runnable r) {
        EventExecutor e = sink.executor();
        if (e.inEventLoop()) {
            r.run();
        } else {
            e.execute(r);
        }
    }
}
