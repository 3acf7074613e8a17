package io.livegate.whep.session;

import io.livegate.media.Track;
import io.livegate.rtc.dtls.SrtpKeyingMaterial;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.sdp.NegotiatedMedia;
import io.livegate.rtc.signaling.ResourceSessions;
import io.livegate.rtc.signaling.SessionSrtp;
import io.livegate.rtc.srtp.SrtpContext;
import io.livegate.rtc.srtp.SrtpProfile;
import io.livegate.rtc.transport.WebRtcTransport;
import io.livegate.router.StreamNotFoundException;
import io.livegate.whep.WhepConfig;
import io.livegate.whep.WhepSessionInfo;
import io.livegate.whep.media.MediaSink;
import io.livegate.whep.media.PacketizedFrame;
import io.livegate.whep.media.SharedStream;
import io.livegate.whep.media.StreamFanout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WHEP viewer: its transport, SRTP, one {@link OutboundTrack} per kind, a bounded send queue drained in
 * paced turns, and RTCP both ways ({@link SessionRtcp}). Media and RTCP run on the transport's event loop.
 *
 * <p>Start: the viewer attaches to the shared stream only once DTLS is up, so the cached GOP goes out at once
 * after connect. Its video timestamps are squeezed one tick apart, ending at the live edge: the browser decodes
 * the GOP as fast as it arrives and shows the live picture with no added delay. Audio starts live.
 */
public final class WhepSession implements WebRtcTransport.Listener, MediaSink, SessionRtcp.Actions {
    private static final Logger log = LoggerFactory.getLogger(WhepSession.class);

    /** One RTP packet waiting to go. */
    /** @param mediaNanos the wall-clock instant {@code timestamp} stands for: the anchor of this track's sender reports */
    private record Pending(OutboundTrack track, byte[] payload, boolean marker, long timestamp, long mediaNanos) {
    }

    private final String id;
    private final String path;
    private final String remoteAddress;
    private final WhepConfig config;
    private final StreamFanout fanout;
    private final Consumer<WhepSession> onClosed;
    private final Instant created = Instant.now();
    private final boolean bframes;
    final OutboundTrack video;
    final OutboundTrack audio;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final SessionRtcp rtcp;

    private volatile WebRtcTransport transport;
    private volatile String state = "NEW";
    private volatile String etag;
    private SharedStream stream;
    private SrtpContext srtpOut;
    private SrtpContext srtpIn;
    private SessionSrtp srtp;
    private ScheduledFuture<?> drainTimer;
    private ScheduledFuture<?> reportTimer;
    private volatile long droppedPackets;
    private volatile long packetsSent;
    private volatile long bytesSent;
    /** Audio older than this when a session's audio starts is skipped (transcoding adds ~40 ms; players ~20 ms). */
    static final long STALE_AUDIO_NANOS = 250_000_000L;
    private boolean audioLive;
    private long anchorWallNanos = Long.MIN_VALUE;
    private double anchorMediaSeconds;
    private long staleAudioSkipped;
    private long windowStartNanos;
    private long windowBytes;
    private volatile long bitrate;
    private long connectedNanos;
    private volatile long firstMediaMillis = -1;

    public WhepSession(String id, String path, String remoteAddress, WhepConfig config, StreamFanout fanout,
                       boolean bframes, Consumer<WhepSession> onClosed) {
        this.id = id;
        this.path = path;
        this.remoteAddress = remoteAddress;
        this.config = config;
        this.fanout = fanout;
        this.bframes = bframes;
        this.onClosed = onClosed;
        this.video = new OutboundTrack("video", 90_000);
        this.audio = new OutboundTrack("audio", 48_000);
        this.rtcp = new SessionRtcp(this, config.keyframeRequestInterval());
        this.etag = ResourceSessions.newEtag();
    }

    /** Binds the transport and what the answer agreed; called once, before any callback can run. */
    public void bind(WebRtcTransport t, NegotiatedMedia v, NegotiatedMedia a) {
        this.transport = t;
        bindMedia(v, a);
    }

    /**
     * What a server-offer session's answer agreed, once the PATCH brings it; called before the transport is bound
     * to the peer, so before any media callback.
     */
    public void bindMedia(NegotiatedMedia v, NegotiatedMedia a) {
        if (v != null) {
            video.bind(v.codec());
        }
        if (a != null) {
            audio.bind(a.codec());
        }
    }

    /** What the answer announces for our {@code kind} track: msid, SSRC and RTX SSRC, CNAME. */
    public io.livegate.rtc.sdp.AnswerOptions.LocalTrack localTrack(String kind) {
        OutboundTrack o = kind.equals("video") ? video : audio;
        return new io.livegate.rtc.sdp.AnswerOptions.LocalTrack("livegate", kind, o.ssrc & 0xFFFFFFFFL,
                kind.equals("video") ? o.rtxSsrc & 0xFFFFFFFFL : 0, id);
    }

    @Override
    public OutboundTrack video() {
        return video;
    }

    @Override
    public OutboundTrack audio() {
        return audio;
    }

    @Override
    public String id() {
        return id;
    }

    public String path() {
        return path;
    }

    public String etag() {
        return etag;
    }

    public WebRtcTransport transport() {
        return transport;
    }

    /** A new ETag after an ICE restart. */
    public String renewEtag() {
        etag = ResourceSessions.newEtag();
        return etag;
    }

    /** Ends the session (DELETE, shutdown). Idempotent; onClosed follows. */
    public void close() {
        WebRtcTransport t = transport;
        if (t != null) {
            t.close();
        }
    }

    @Override
    public EventExecutor executor() {
        return transport.eventLoop();
    }

    // ---- transport callbacks (event loop) ----

    @Override
    public void onConnected(WebRtcTransport t, SrtpKeyingMaterial keys) {
        srtp = SessionSrtp.of(keys, t.localRole());
        SrtpProfile profile = srtp.profile();
        srtpOut = srtp.out();
        srtpIn = srtp.in();
        state = "CONNECTED";
        connectedNanos = System.nanoTime();
        windowStartNanos = connectedNanos;
        try {
            stream = fanout.open(path, t.eventLoop());
            stream.attach(this);
        } catch (StreamNotFoundException e) {
            log.info("whep session stream gone id={} path={}", id, path);
            t.close();
            return;
        }
        long period = config.senderReportInterval().toNanos();
        reportTimer = t.eventLoop().scheduleAtFixedRate(this::report, period / 4, period, TimeUnit.NANOSECONDS);
        log.info("whep session connected id={} path={} remote={} ice={} srtp={}", id, path, remoteAddress,
                iceTransport(), profile);
    }

    @Override
    public void onPacket(WebRtcTransport t, ByteBuf packet) {
        try {
            if (srtpIn == null || packet.readableBytes() < 8) {
                return;
            }
            int pt = packet.getUnsignedByte(packet.readerIndex() + 1);
            if (pt < 192 || pt > 223) {
                return; // RTP from a recvonly viewer: nothing to do with it
            }
            srtpIn.unprotectRtcp(packet);
            rtcp.onRtcp(packet, System.nanoTime());
        } catch (RuntimeException e) {
            rtcp.countBad(e);
        } finally {
            packet.release();
        }
    }

    @Override
    public void onClosed(WebRtcTransport t, WebRtcTransport.CloseReason reason) {
        state = "CLOSED";
        if (drainTimer != null) {
            drainTimer.cancel(false);
        }
        if (reportTimer != null) {
            reportTimer.cancel(false);
        }
        queue.clear();
        if (stream != null) {
            stream.detach(this);
        }
        onClosed.accept(this);
        log.info("whep session end id={} path={} remote={} reason={} packets={} bytes={} retransmits={} nacks={} "
                        + "plis={} dropped={} first_media_ms={} stale_audio_skipped={}", id, path, remoteAddress, reason,
                packetsSent, bytesSent, rtcp.retransmits(), rtcp.nacks(), rtcp.keyframeRequests(), droppedPackets,
                firstMediaMillis, staleAudioSkipped);
    }

    // ---- media (event loop) ----

    @Override
    public void onTracks(List<Track> tracks) {
        video.sourceTrackId = -1;
        audio.sourceTrackId = -1;
        for (Track tr : tracks) {
            OutboundTrack o = tr.isVideo() ? video : audio;
            if (o.bound() && o.sourceTrackId < 0 && o.codec().codec() == (tr.codec() == io.livegate.media.Codec.AAC
                    ? io.livegate.media.Codec.OPUS : tr.codec())) {
                o.sourceTrackId = tr.id();
            }
        }
        if (video.bound() && video.sourceTrackId < 0 && tracks.stream().anyMatch(Track::isVideo)) {
            // The publisher came back with another video codec: end the session so the player renegotiates
            // instead of showing a frozen picture.
            log.info("whep session codec changed id={} path={} negotiated={} stream={}", id, path,
                    video.codec().codec(), tracks.stream().filter(Track::isVideo).map(Track::codec).toList());
            close();
        }
    }

    @Override
    public void onStart(List<PacketizedFrame> cached) {
        int n = 0;
        long edge = 0;
        long edgeIngest = 0;
        for (PacketizedFrame f : cached) {
            if (f.isVideo() && f.trackId() == video.sourceTrackId) {
                n++;
                edge = f.timestamp();
                edgeIngest = f.ingestNanos();
            }
        }
        int i = 0;
        for (PacketizedFrame f : cached) {
            if (f.isVideo() && f.trackId() == video.sourceTrackId) {
                // Rewritten to end at the live edge, so they all stand for the newest cached frame's instant.
                enqueue(f, video, edge - (n - 1 - i), mediaNanos(edge, video.clockRate, edgeIngest), true);
                i++;
            }
        }
        drain();
    }

    @Override
    public void onFrame(PacketizedFrame f) {
        OutboundTrack o = f.trackId() == video.sourceTrackId ? video : f.trackId() == audio.sourceTrackId ? audio : null;
        if (o == null) {
            return;
        }
        if (o == audio && !audioLive) {
            // Audio starts live. A transcoder started by this viewer first works through the stream's cached GOP
            // and delivers up to a second of old audio at once; the browser would buffer it and its lip sync would
            // hold video back by as much. Old audio is skipped until the first fresh frame; never after, so the
            // audio that does play has no gaps.
            if (System.nanoTime() - f.ingestNanos() > STALE_AUDIO_NANOS) {
                staleAudioSkipped++;
                return;
            }
            audioLive = true;
        }
        enqueue(f, o, f.timestamp(), mediaNanos(f.timestamp(), o.clockRate, f.ingestNanos()), false);
        drain();
    }

    /**
     * The wall-clock instant a source timestamp stands for, for sender reports. The router puts every track of a
     * stream on one timeline (one origin for all tracks), so timestamp / clock rate is a clock shared by audio and
     * video; one anchor per session ties it to the wall clock. Mapping from the timestamp (not from when a frame
     * arrived or left) keeps lip sync right when audio arrives in bursts (several AAC frames per MPEG-TS packet)
     * or leaves later (transcoding).
     */
    private long mediaNanos(long sourceTimestamp, int clockRate, long ingestNanos) {
        double media = sourceTimestamp / (double) clockRate;
        if (anchorWallNanos == Long.MIN_VALUE) {
            anchorWallNanos = ingestNanos;
            anchorMediaSeconds = media;
        }
        return anchorWallNanos + Math.round((media - anchorMediaSeconds) * 1e9);
    }

    @Override
    public void onEnd(String reason) {
        log.info("whep session stream ended id={} path={} reason={}", id, path, reason);
        stream = null;
        close();
    }

    /** @param cached a GOP frame: bounded by the stream's GOP cache already, so not by the viewer queue */
    private void enqueue(PacketizedFrame f, OutboundTrack o, long timestamp, long mediaNanos, boolean cached) {
        if (o == video && o.waitKeyframe) {
            if (!f.keyframe()) {
                return;
            }
            o.waitKeyframe = false;
        }
        List<byte[]> payloads = f.payloads();
        if (!cached && queue.size() + payloads.size() > config.viewerQueuePackets()) {
            // This viewer cannot keep up: drop what waits and restart video at the next keyframe.
            droppedPackets += queue.size() + payloads.size();
            queue.clear();
            video.waitKeyframe = true;
            requestKeyframe();
            return;
        }
        for (int k = 0; k < payloads.size(); k++) {
            queue.add(new Pending(o, payloads.get(k), k == payloads.size() - 1, timestamp, mediaNanos));
        }
    }

    private void drain() {
        WebRtcTransport t = transport;
        if (srtpOut == null || "CLOSED".equals(state)) {
            queue.clear();
            return;
        }
        long now = System.nanoTime();
        int sent = 0;
        Pending p;
        while (sent < config.burstPackets() && (p = queue.poll()) != null) {
            send(t, p.track.next(p.payload, p.marker, p.timestamp, p.mediaNanos));
            sent++;
        }
        if (!queue.isEmpty() && (drainTimer == null || drainTimer.isDone())) {
            drainTimer = t.eventLoop().schedule(this::drain, 1, TimeUnit.MILLISECONDS);
        }
        if (firstMediaMillis < 0 && sent > 0) {
            firstMediaMillis = (now - connectedNanos) / 1_000_000;
        }
    }

    /** SRTP-protects and sends one RTP packet. */
    void send(WebRtcTransport t, RtpPacket p) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(p.encodedLength() + srtpOut.profile().rtpTagLength());
        try {
            p.writeTo(buf);
            srtpOut.protectRtp(buf);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        packetsSent++;
        int len = p.payload().length;
        bytesSent += len;
        windowBytes += len;
        t.send(buf);
    }

    /** SRTCP-protects and sends one compound RTCP packet. */
    @Override
    public void sendRtcp(byte[] compound) {
        transport.send(srtp.protectRtcp(compound));
    }

    @Override
    public void retransmit(OutboundTrack o, int seq) {
        RtpPacket p = o.repair(seq);
        if (p != null) {
            send(transport, p);
            rtcp.countRetransmit();
        }
    }

    @Override
    public void requestKeyframe() {
        SharedStream s = stream;
        if (s != null) {
            s.requestKeyframe();
        }
    }

    private void report() {
        long now = System.nanoTime();
        long elapsed = now - windowStartNanos;
        if (elapsed > 0) {
            bitrate = windowBytes * 8 * 1_000_000_000L / elapsed;
        }
        windowStartNanos = now;
        windowBytes = 0;
        if (srtpOut != null) {
            rtcp.sendReports(now);
        }
    }

    String iceTransport() {
        WebRtcTransport t = transport;
        return t == null ? "" : t.iceProtocol();
    }

    public WhepSessionInfo info() {
        return new WhepSessionInfo(id, path, remoteAddress, state, iceTransport(), describe(video), describe(audio),
                packetsSent, bytesSent, bitrate, rtcp.retransmits(), rtcp.nacks(), rtcp.keyframeRequests(),
                droppedPackets, rtcp.fractionLost(), rtcp.jitter(), rtcp.rttMillis(), rtcp.remb(), bframes, created);
    }

    private static String describe(OutboundTrack o) {
        if (!o.bound()) {
            return "";
        }
        String plid = o.codec().parameters().get("profile-level-id");
        return io.livegate.rtc.sdp.CodecPreference.encodingName(o.codec().codec()) + (plid == null ? "" : " " + plid);
    }
}
