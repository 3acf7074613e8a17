package io.livegate.whip.session;

import io.livegate.media.Payload;
import io.livegate.rtc.dtls.SrtpKeyingMaterial;
import io.livegate.rtc.rtcp.Goodbye;
import io.livegate.rtc.rtcp.RtcpPacket;
import io.livegate.rtc.rtcp.RtcpPackets;
import io.livegate.rtc.rtcp.SenderReport;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.rtp.codec.DepacketizerLimits;
import io.livegate.rtc.sdp.CodecPreference;
import io.livegate.rtc.sdp.ExtensionUri;
import io.livegate.rtc.sdp.NegotiatedMedia;
import io.livegate.rtc.signaling.ResourceSessions;
import io.livegate.rtc.signaling.SessionSrtp;
import io.livegate.rtc.srtp.SrtpContext;
import io.livegate.rtc.srtp.SrtpProfile;
import io.livegate.rtc.transport.WebRtcTransport;
import io.livegate.router.Publisher;
import io.livegate.router.PublisherControl;
import io.livegate.whip.WhipConfig;
import io.livegate.whip.WhipSessionInfo;
import io.livegate.whip.media.LipSync;
import io.livegate.whip.media.WhipPublisher;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WHIP publisher: its transport, SRTP, one {@link InboundTrack} per received media section, the RTCP it sends
 * ({@link ReceiverFeedback}) and the adapter to the bus ({@link WhipPublisher} over {@link LipSync}). Everything
 * runs on the transport's event loop; a 20 ms tick gives up held gaps, ends the lip-sync hold, sends feedback and
 * watches the media timeout.
 *
 * <p>Receive path ({@link #onPacket}): SRTP/SRTCP unprotect, RTP parse, transport-wide sequence noted, the packet
 * routed by SSRC (learned from the offer's a=ssrc lines or from the payload type of its first packet) to its
 * track, which unwraps RTX, reorders, NACKs and depacketizes; complete frames go to the bus. Keyframe requests go
 * out at start, while video waits for a keyframe, after a loss given up on, and when the bus asks.
 */
public final class WhipSession implements WebRtcTransport.Listener, PublisherControl, InboundTrack.FrameSink {
    private static final Logger log = LoggerFactory.getLogger(WhipSession.class);
    static final long TICK_NANOS = 20_000_000L;

    /** Where packets of one SSRC go. */
    private record Route(InboundTrack track, boolean rtx) {
    }

    private final String id;
    private volatile String path;
    private final String remoteAddress;
    private final WhipConfig config;
    private final Consumer<WhipSession> onClosed;
    private final Instant created = Instant.now();
    private final long createdNanos = System.nanoTime();
    private final List<InboundTrack> tracks = new ArrayList<>();
    private final Map<Integer, Route> routes = new HashMap<>();
    private final Set<Integer> pli = new HashSet<>();
    private final Set<Integer> fir = new HashSet<>();

    private volatile WebRtcTransport transport;
    private volatile String state = "NEW";
    private volatile String closeReason;
    private String etag;
    private Publisher publisher;
    private LipSync sync;
    private WhipPublisher adapter;
    private ReceiverFeedback feedback;
    private int twccExtensionId = -1;
    private SrtpContext srtpIn;
    private SrtpContext srtpOut;
    private SessionSrtp srtp;
    private ScheduledFuture<?> timer;
    private long lastRtpNanos;
    private volatile long packetsIn;
    private volatile long bytesIn;
    private volatile long bitrate;
    private volatile long framesIn;
    private long unknownPackets;
    private long badPackets;
    private long windowStart;
    private long windowBytes;
    private long windowStartAtConnect;
    private boolean tickFailed;
    private boolean syncLogged;

    public WhipSession(String id, String path, String remoteAddress, WhipConfig config,
                       Consumer<WhipSession> onClosed) {
        this.id = id;
        this.path = path;
        this.remoteAddress = remoteAddress;
        this.config = config;
        this.onClosed = onClosed;
        this.etag = ResourceSessions.newEtag();
    }

    /**
     * Binds the transport, the bus handle and what the answer agreed; called once, before any callback can run.
     *
     * @param media       the accepted sections we receive, in offer order
     * @param reducedSize the offer allowed reduced-size RTCP (a=rtcp-rsize)
     */
    public void bind(WebRtcTransport t, Publisher p, List<NegotiatedMedia> media, boolean reducedSize) {
        this.transport = t;
        this.publisher = p;
        this.path = p.path();
        this.sync = new LipSync(createdNanos, config.syncHold(), config.limits().maxHeldFrames());
        this.adapter = new WhipPublisher(p, sync, "session=" + id + " path=" + p.path());
        this.feedback = new ReceiverFeedback(ThreadLocalRandom.current().nextInt() | 1, id, reducedSize,
                config.keyframeRequestInterval().toNanos());
        boolean videoTaken = false;
        boolean audioTaken = false;
        int next = 2;
        for (NegotiatedMedia m : media) {
            boolean video = m.codec().codec().isVideo();
            int trackId;
            if (video && !videoTaken) {
                trackId = 0;
                videoTaken = true;
            } else if (!video && !audioTaken) {
                trackId = 1;
                audioTaken = true;
            } else {
                trackId = next++;
            }
            InboundTrack track = new InboundTrack(trackId, m.mid(), m.codec(), m.feedback().contains("nack"),
                    DepacketizerLimits.DEFAULT);
            tracks.add(track);
            if (m.feedback().contains("nack pli")) {
                pli.add(trackId);
            }
            if (m.feedback().contains("ccm fir")) {
                fir.add(trackId);
            }
            if (twccExtensionId < 0 && m.feedback().contains("transport-cc")) {
                twccExtensionId = m.extensionId(ExtensionUri.TRANSPORT_CC);
            }
            Set<Long> rtx = new HashSet<>(m.remoteRtxSsrcs().values());
            for (long ssrc : m.remoteSsrcs()) {
                if (rtx.contains(ssrc)) {
                    learn(track, (int) ssrc, true);
                } else if (!track.mediaSsrcKnown) {
                    learn(track, (int) ssrc, false);
                }
            }
            adapter.addTrack(trackId, m.codec().codec(), m.codec().clockRate(), m.codec().channels(),
                    m.codec().parameters());
        }
    }

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

    /** Ends the session (DELETE, shutdown); idempotent. The publisher closes and onClosed follows. */
    public void close(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        WebRtcTransport t = transport;
        if (t != null) {
            t.close();
        }
    }

    // ---- PublisherControl (any thread) ----

    @Override
    public void requestKeyframe() {
        WebRtcTransport t = transport;
        if (t != null) {
            t.eventLoop().execute(() -> {
                long now = System.nanoTime();
                for (InboundTrack track : tracks) {
                    if (track.video) {
                        requestKeyframe(track, now);
                    }
                }
            });
        }
    }

    @Override
    public void disconnect(String reason) {
        close(reason);
    }

    // ---- transport callbacks (event loop) ----

    @Override
    public void onConnected(WebRtcTransport t, SrtpKeyingMaterial keys) {
        srtp = SessionSrtp.of(keys, t.localRole());
        SrtpProfile profile = srtp.profile();
        srtpIn = srtp.in();
        srtpOut = srtp.out();
        state = "CONNECTED";
        long now = System.nanoTime();
        lastRtpNanos = now;
        windowStart = now;
        windowStartAtConnect = now;
        timer = t.eventLoop().scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
        for (InboundTrack track : tracks) {
            if (track.video) {
                requestKeyframe(track, now);
            }
        }
        log.info("whip session connected id={} path={} remote={} ice={} srtp={} connect_ms={}", id, path,
                remoteAddress, iceTransport(), profile, (now - createdNanos) / 1_000_000);
    }

    @Override
    public void onPacket(WebRtcTransport t, ByteBuf packet) {
        try {
            if (srtpIn == null || packet.readableBytes() < 8) {
                return;
            }
            long now = System.nanoTime();
            int second = packet.getUnsignedByte(packet.readerIndex() + 1);
            bytesIn += packet.readableBytes();
            windowBytes += packet.readableBytes();
            if (second >= 192 && second <= 223) { // RFC 5761 4: RTCP packet types 192-223
                srtpIn.unprotectRtcp(packet);
                rtcp(packet, now);
            } else {
                srtpIn.unprotectRtp(packet);
                rtp(RtpPacket.parse(packet), now);
            }
        } catch (RuntimeException e) {
            if (badPackets++ == 0) {
                log.info("whip packet dropped id={} remote={} error={}", id, remoteAddress, e.toString());
            }
        } finally {
            packet.release();
        }
    }

    private void rtp(RtpPacket p, long now) {
        packetsIn++;
        lastRtpNanos = now;
        if (twccExtensionId > 0) {
            byte[] seq = p.header().extension(twccExtensionId);
            if (seq != null && seq.length >= 2) {
                feedback.transportSequence(((seq[0] & 0xFF) << 8) | (seq[1] & 0xFF), p.header().ssrc(), now);
            }
        }
        Route r = route(p);
        if (r == null) {
            unknownPackets++;
            return;
        }
        if (!r.rtx) {
            sync.packet(r.track.id, p.header().timestamp(), now);
        }
        r.track.receive(p, r.rtx, now, this);
    }

    /** The route of a packet's SSRC; a new SSRC is learned from its payload type, within the per-track limit. */
    private Route route(RtpPacket p) {
        int ssrc = p.header().ssrc();
        int pt = p.header().payloadType();
        Route r = routes.get(ssrc);
        if (r != null) {
            int want = r.rtx ? r.track.codec.rtxPayloadType() : r.track.codec.payloadType();
            return pt == want ? r : null;
        }
        for (InboundTrack t : tracks) {
            boolean media = pt == t.codec.payloadType();
            boolean rtx = t.codec.hasRtx() && pt == t.codec.rtxPayloadType();
            if ((media || rtx) && t.ssrcCount < config.limits().maxSsrcsPerTrack()) {
                if (media && t.mediaSsrcKnown) {
                    // A new encoder (SSRC change): start the track's receive state over, from a keyframe.
                    log.info("whip ssrc change id={} track={} old={} new={}", id, t.id,
                            Integer.toUnsignedString(t.mediaSsrc), Integer.toUnsignedString(ssrc));
                    routes.remove(t.mediaSsrc);
                    t.reset();
                    lost(t);
                }
                learn(t, ssrc, rtx);
                return routes.get(ssrc);
            }
        }
        return null;
    }

    private void learn(InboundTrack t, int ssrc, boolean rtx) {
        if (t.ssrcCount >= config.limits().maxSsrcsPerTrack()) {
            return;
        }
        t.ssrcCount++;
        if (rtx) {
            t.rtxSsrc = ssrc;
            t.rtxSsrcKnown = true;
        } else {
            t.mediaSsrc = ssrc;
            t.mediaSsrcKnown = true;
        }
        routes.put(ssrc, new Route(t, rtx));
    }

    private void rtcp(ByteBuf buf, long now) {
        for (RtcpPacket p : RtcpPackets.parseCompound(buf)) {
            if (p instanceof SenderReport sr) {
                Route r = routes.get(sr.ssrc());
                if (r != null && !r.rtx) {
                    sync.senderReport(r.track.id, sr.ntpTimestamp(), sr.rtpTimestamp(), now);
                    r.track.stats().senderReport(sr.compactNtp(), now / 1000);
                    if (r.track.senderReports++ == 0 && sync.anchor(r.track.id) == LipSync.Anchor.ARRIVAL) {
                        log.info("whip lip sync check id={} track={} first_sr_after_connect_ms={} "
                                        + "arrival_anchor_error_ms={}", id, r.track.id,
                                (now - windowStartAtConnect) / 1_000_000, sync.arrivalErrorMillis(r.track.id));
                    }
                }
            } else if (p instanceof Goodbye bye) {
                log.debug("whip rtcp bye id={} ssrcs={}", id, bye.ssrcs());
            }
        }
    }

    // ---- frames (FrameSink) ----

    @Override
    public void frame(InboundTrack track, long rtpTimestamp, boolean keyframe, Payload payload) {
        long now = System.nanoTime();
        adapter.frame(track.id, sync.extend(track.id, rtpTimestamp), keyframe, payload, now);
        framesIn = sumFrames();
        if (track.video && adapter.waitingForKeyframe(track.id)) {
            requestKeyframe(track, now);
        }
    }

    @Override
    public void lost(InboundTrack track) {
        if (track.video) {
            adapter.lost(track.id);
            requestKeyframe(track, System.nanoTime());
        }
    }

    private long sumFrames() {
        long n = 0;
        for (InboundTrack t : tracks) {
            n += adapter.frames(t.id);
        }
        return n;
    }

    // ---- timer ----

    private void tick() {
        try {
            long now = System.nanoTime();
            if (now - lastRtpNanos > config.mediaTimeout().toNanos()) {
                close("media timeout: no RTP for " + config.mediaTimeout().toMillis() + " ms");
                return;
            }
            for (InboundTrack t : tracks) {
                t.expire(now, this);
            }
            adapter.poll(now);
            if (!syncLogged && sync.released()) {
                syncLogged = true;
                logSync(now);
            }
            long gop = config.keyframeInterval().toNanos();
            for (InboundTrack t : tracks) {
                long lastKey = adapter.lastKeyframeNanos(t.id);
                if (t.video && (adapter.waitingForKeyframe(t.id)
                        || (gop > 0 && lastKey != Long.MIN_VALUE && now - lastKey >= gop))) {
                    requestKeyframe(t, now);
                }
            }
            for (byte[] compound : feedback.due(now, tracks)) {
                sendRtcp(compound);
            }
            if (now - windowStart >= 1_000_000_000L) {
                bitrate = windowBytes * 8 * 1_000_000_000L / (now - windowStart);
                windowStart = now;
                windowBytes = 0;
            }
        } catch (RuntimeException e) {
            if (!tickFailed) {
                tickFailed = true;
                log.warn("whip session tick failed id={} path={}", id, path, e);
            }
        }
    }

    private void logSync(long now) {
        StringBuilder b = new StringBuilder();
        for (InboundTrack t : tracks) {
            b.append(' ').append(t.video ? "video" : "audio").append(t.id).append('=')
                    .append(sync.anchor(t.id).name().toLowerCase(Locale.ROOT)).append("/sr=").append(t.senderReports);
        }
        log.info("whip lip sync id={} path={} after_connect_ms={}{}", id, path,
                (now - windowStartAtConnect) / 1_000_000, b);
    }

    private void requestKeyframe(InboundTrack t, long now) {
        if (srtpOut == null) {
            return;
        }
        byte[] request = feedback.keyframeRequest(t, now, pli.contains(t.id), fir.contains(t.id));
        if (request != null) {
            sendRtcp(request);
        }
    }

    /** SRTCP-protects and sends one compound packet. */
    private void sendRtcp(byte[] compound) {
        transport.send(srtp.protectRtcp(compound));
    }

    @Override
    public void onClosed(WebRtcTransport t, WebRtcTransport.CloseReason reason) {
        state = "CLOSED";
        if (timer != null) {
            timer.cancel(false);
        }
        if (publisher != null) {
            publisher.close();
        }
        onClosed.accept(this);
        StringBuilder per = new StringBuilder();
        for (InboundTrack track : tracks) {
            per.append(' ').append(track.video ? "video" : "audio").append(track.id).append("={packets=")
                    .append(track.packets).append(" lost=").append(track.lost()).append(" lost_for_good=")
                    .append(track.lostForGood).append(" nacks=").append(track.nackedSequences).append(" rtx=")
                    .append(track.rtxPackets).append(" plis=").append(track.keyframeRequests).append(" frames=")
                    .append(adapter == null ? 0 : adapter.frames(track.id)).append(" skipped=")
                    .append(adapter == null ? 0 : adapter.skipped(track.id)).append(" sync=")
                    .append(sync == null ? "none" : sync.anchor(track.id).name().toLowerCase(Locale.ROOT))
                    .append('}');
        }
        log.info("whip session end id={} path={} remote={} reason=\"{}\" packets={} bytes={} unknown={} bad={} "
                        + "duration_ms={}{}", id, path, remoteAddress, closeReason != null ? closeReason : reason,
                packetsIn, bytesIn, unknownPackets, badPackets, (System.nanoTime() - createdNanos) / 1_000_000, per);
    }

    String iceTransport() {
        WebRtcTransport t = transport;
        return t == null ? "" : t.iceProtocol();
    }

    /** This publisher for the API; counters are read without locking (approximate while it runs). */
    public WhipSessionInfo info() {
        String video = "";
        String audio = "";
        long lost = 0;
        long lostForGood = 0;
        long nacks = 0;
        long rtx = 0;
        long plis = 0;
        long skipped = 0;
        StringBuilder anchors = new StringBuilder();
        for (InboundTrack t : tracks) {
            String plid = t.codec.parameters().get("profile-level-id");
            String name = CodecPreference.encodingName(t.codec.codec()) + (plid == null ? "" : " " + plid);
            if (t.video && video.isEmpty()) {
                video = name;
            } else if (!t.video && audio.isEmpty()) {
                audio = name;
            }
            lost += t.lost();
            lostForGood += t.lostForGood;
            nacks += t.nackedSequences;
            rtx += t.rtxPackets;
            plis += t.keyframeRequests;
            skipped += adapter == null ? 0 : adapter.skipped(t.id);
            if (sync != null) {
                anchors.append(anchors.isEmpty() ? "" : ",").append(t.video ? "video" : "audio")
                        .append(t.id > 1 ? String.valueOf(t.id) : "").append('=')
                        .append(sync.anchor(t.id).name().toLowerCase(Locale.ROOT));
            }
        }
        return new WhipSessionInfo(id, path, remoteAddress, state, iceTransport(), video, audio, packetsIn, bytesIn,
                bitrate, lost, lostForGood, nacks, rtx, plis, framesIn, skipped, anchors.toString(), created);
    }
}
