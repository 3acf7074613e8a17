package io.livegate.whep;

import io.livegate.media.Codec;
import io.livegate.media.Track;
import io.livegate.rtc.dtls.DtlsFingerprint;
import io.livegate.rtc.dtls.DtlsRole;
import io.livegate.rtc.ice.IceCredentials;
import io.livegate.rtc.sdp.AnswerOptions;
import io.livegate.rtc.sdp.AnswerOptions.LocalTrack;
import io.livegate.rtc.sdp.Candidate;
import io.livegate.rtc.sdp.MediaDescription;
import io.livegate.rtc.sdp.SdpAttribute;
import io.livegate.rtc.sdp.SdpException;
import io.livegate.rtc.sdp.SdpFragment;
import io.livegate.rtc.sdp.SessionDescription;
import io.livegate.rtc.signaling.ResourceSessions;
import io.livegate.rtc.signaling.SignalingRequests;
import io.livegate.rtc.signaling.SignalingResponses;
import io.livegate.rtc.transport.WebRtcPort;
import io.livegate.rtc.transport.WebRtcTransport;
import io.livegate.router.Stream;
import io.livegate.router.StreamRegistry;
import io.livegate.router.TrackStats;
import io.livegate.transcode.OpusTranscoding;
import io.livegate.whep.http.WhepRoute;
import io.livegate.whep.media.FrameSource;
import io.livegate.whep.media.StreamFanout;
import io.livegate.whep.session.WhepAnswers;
import io.livegate.whep.session.WhepException;
import io.livegate.whep.session.WhepException.Reason;
import io.livegate.whep.session.WhepSession;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.livegate.rtc.sdp.NegotiatedMedia;
import io.livegate.rtc.sdp.SdpAnswer;
import io.livegate.whep.session.ServerOffers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WHEP egress: browsers play any stream over WebRTC. The gateway routes HTTP requests to {@link #handle}; media
 * leaves through the shared {@link WebRtcPort}.
 */
public final class WhepEgress implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WhepEgress.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a server offer waits for the player's answer (the Expires header); a browser answers in ms. */
    public static final Duration DEFAULT_SERVER_OFFER_TIMEOUT = Duration.ofSeconds(15);
    /** The response headers a player page reads (Warning: the B-frame hint). */
    private static final String EXPOSED = "Location, ETag, Link, Accept-Patch, Warning";

    private record PendingOffer(SessionDescription offer, List<Track> tracks) {
    }

    private final WhepConfig config;
    private final StreamRegistry registry;
    private final WebRtcPort port;
    private final boolean aacAsOpus;
    private final StreamFanout fanout;
    private final SignalingResponses responses;
    private final ResourceSessions<WhepSession> sessions = new ResourceSessions<>();
    /** Server offers waiting for the player's answer, by session id. */
    private final Map<String, PendingOffer> offers = new ConcurrentHashMap<>();
    private volatile WhepAuthorizer authorizer = WhepAuthorizer.ALLOW_ALL;
    private volatile boolean serverOffer = true;
    private volatile Duration serverOfferTimeout = DEFAULT_SERVER_OFFER_TIMEOUT;
    private volatile boolean closed;

    /**
     * @param opus AAC → Opus for viewers (every viewer subscribes through it), or null to subscribe to the registry
     *             directly; AAC audio is then not offered
     */
    public WhepEgress(WhepConfig config, StreamRegistry registry, WebRtcPort port, OpusTranscoding opus) {
        this(config, registry, port, opus != null && opus.config().enabled() ? opus::subscribe : null);
    }

    /** With any frame source in front of the registry (tests, other transcoders). */
    WhepEgress(WhepConfig config, StreamRegistry registry, WebRtcPort port, FrameSource opusSource) {
        this.config = config;
        this.registry = registry;
        this.port = port;
        this.aacAsOpus = opusSource != null;
        this.responses = new SignalingResponses(config.allowOrigin(), EXPOSED);
        this.fanout = new StreamFanout(opusSource != null ? opusSource : registry::subscribe,
                config.maxPayloadSize(), config.gopCacheMaxPackets());
    }

    /** Installs the gateway's auth hook (default: everyone may play). */
    public void setAuthorizer(WhepAuthorizer authorizer) {
        this.authorizer = java.util.Objects.requireNonNull(authorizer, "authorizer");
    }

    /**
     * Server-offer mode (POST without a body, answer by PATCH; draft-murillo-whep-01 §4.2): on by default; when off,
     * such a POST gets 406. {@code answerTimeout} bounds how long an unanswered offer holds a session.
     */
    public void setServerOffer(boolean enabled, Duration answerTimeout) {
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("whep server-offer answer timeout must be > 0, was " + answerTimeout);
        }
        this.serverOffer = enabled;
        this.serverOfferTimeout = answerTimeout;
    }

    /**
     * Serves a WHEP request. Does not release {@code request}.
     *
     * @return false when the URL is not a WHEP URL (the caller routes it elsewhere)
     */
    public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        WhepRoute route;
        try {
            route = WhepRoute.parse(request.uri(), config.sessionPrefix());
        } catch (IllegalArgumentException e) {
            SignalingResponses.send(ctx, request, responses.error(HttpResponseStatus.BAD_REQUEST,
                    "bad WHEP URL: " + e.getMessage()));
            return true;
        }
        if (route == null) {
            return false;
        }
        FullHttpResponse response;
        try {
            response = route.kind() == WhepRoute.Kind.ENDPOINT
                    ? endpoint(ctx, request, route.value())
                    : resource(request, route.value());
        } catch (WhepException e) {
            response = responses.failure(e.reason().status(), e.getMessage());
        }
        SignalingResponses.send(ctx, request, response);
        return true;
    }

    private FullHttpResponse endpoint(ChannelHandlerContext ctx, FullHttpRequest req, String path)
            throws WhepException {
        HttpMethod m = req.method();
        if (m.equals(HttpMethod.OPTIONS)) {
            return responses.options("OPTIONS, POST", true, config.iceServers());
        }
        if (!m.equals(HttpMethod.POST)) {
            return responses.methodNotAllowed("OPTIONS, POST");
        }
        String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (req.content().readableBytes() == 0) {
            // draft-murillo-whep-01 §4.2: no body asks us for the offer; the answer comes by PATCH.
            if (!serverOffer) {
                throw new WhepException(Reason.SERVER_OFFER_DISABLED,
                        "server-offer mode is off: POST an SDP offer (application/sdp)");
            }
            return createOffer(ctx, req, path);
        }
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith(SignalingResponses.SDP)) {
            throw new WhepException(Reason.UNSUPPORTED_MEDIA_TYPE, "content-type must be application/sdp, was '"
                    + type + "'");
        }
        return create(ctx, req, path);
    }

    /** What both modes check before a session exists: capacity, auth, a stream with a playable track. */
    private record Admitted(String token, String peer, Stream stream, List<Track> tracks, boolean bframes) {
    }

    private Admitted admit(ChannelHandlerContext ctx, FullHttpRequest req, String path) throws WhepException {
        if (closed) {
            throw new WhepException(Reason.TOO_MANY_SESSIONS, "WHEP is shutting down");
        }
        if (sessions.size() >= config.maxSessions()) {
            throw new WhepException(Reason.TOO_MANY_SESSIONS, "server full: " + sessions.size() + " viewers, limit "
                    + config.maxSessions());
        }
        String token = SignalingRequests.bearer(req);
        String peerAddress = String.valueOf(ctx.channel().remoteAddress());
        if (!authorizer.mayPlay(path, token, peerAddress)) {
            throw new WhepException(Reason.UNAUTHORIZED, token == null ? "a bearer token is required to play "
                    + path : "the bearer token does not allow playing " + path);
        }
        Optional<Stream> found = registry.find(path);
        if (found.isEmpty()) {
            throw new WhepException(Reason.STREAM_NOT_FOUND, "no stream at " + path);
        }
        Stream stream = found.get();
        List<Track> tracks = stream.tracks();
        if (tracks.stream().noneMatch(t -> t.isVideo() || t.codec() == Codec.OPUS || t.codec() == Codec.AAC
                && aacAsOpus)) {
            throw new WhepException(Reason.STREAM_NOT_READY, "stream " + path + " has no playable track yet "
                    + tracks.stream().map(t -> t.codec().name()).toList());
        }
        boolean bframes = tracks.stream().filter(Track::isVideo).anyMatch(t -> stream.trackStats(t.id())
                .map(TrackStats::reordered).orElse(false));
        return new Admitted(token, peerAddress, stream, tracks, bframes);
    }

    private FullHttpResponse create(ChannelHandlerContext ctx, FullHttpRequest req, String path)
            throws WhepException {
        Admitted adm = admit(ctx, req, path);
        String token = adm.token();
        String peerAddress = adm.peer();
        List<Track> tracks = adm.tracks();
        boolean bframes = adm.bframes();
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(req.content().toString(StandardCharsets.UTF_8), config.sdpLimits());
        } catch (SdpException e) {
            throw new WhepException(Reason.BAD_OFFER, "bad SDP offer: " + e.getMessage());
        }
        WhepAnswers.RemoteIdentity remote = WhepAnswers.remoteIdentity(offer);
        String id = ResourceSessions.newId();
        String peer = peerAddress;
        WhepSession session = new WhepSession(id, path, peer, config, fanout, bframes, this::forget);
        WebRtcTransport transport;
        try {
            transport = port.newTransport(remote.ufrag(), remote.pwd(), remote.fingerprint(),
                    remote.weAreDtlsClient() ? DtlsRole.CLIENT : DtlsRole.SERVER, session);
        } catch (IllegalArgumentException e) {
            throw new WhepException(Reason.BAD_OFFER, "bad ICE credentials or fingerprint: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new WhepException(Reason.TOO_MANY_SESSIONS, "WebRTC port unavailable: " + e.getMessage());
        }
        WhepAnswers.Plan plan;
        try {
            IceCredentials local = transport.localIceCredentials();
            DtlsFingerprint fp = transport.localFingerprint();
            AnswerOptions base = AnswerOptions.whep(local.ufrag(), local.pwd(),
                    SdpAttribute.Fingerprint.of(fp.algorithm(), fp.value()),
                    candidates(transport), List.of(), Map.of(), RANDOM.nextLong() >>> 1);
            plan = WhepAnswers.answer(offer, tracks, aacAsOpus, base, session.localTrack("video"),
                    session.localTrack("audio"));
        } catch (WhepException | RuntimeException e) {
            transport.close();
            throw e;
        }
        session.bind(transport, plan.video(), plan.audio());
        sessions.put(id, session, remote.ufrag(), token);
        log.info("whep session start id={} path={} remote={} video={} audio={} bframes={}", id, path, peer,
                plan.video() == null ? "none" : plan.video().codec().codec(),
                plan.audio() == null ? "none" : plan.audio().codec().codec(), bframes);
        return created(plan.answer().sdp().write(), id, session, bframes);
    }

    private FullHttpResponse created(String sdp, String id, WhepSession session, boolean bframes) {
        FullHttpResponse r = responses.created(sdp, config.sessionPrefix() + id, session.etag(), config.iceServers());
        if (bframes) {
            r.headers().set(HttpHeaderNames.WARNING, "199 livegate \"the stream has B-frames; WebRTC players may "
                    + "stutter. Encode without B-frames (x264 -bf 0, zerolatency) for smooth WebRTC playback\"");
        }
        return r;
    }

    // ---- server-offer mode (draft-murillo-whep-01 §4.2) ----

    /** Our offer to a player that POSTed none: a pending transport, sendonly sections for the stream's codecs. */
    private FullHttpResponse createOffer(ChannelHandlerContext ctx, FullHttpRequest req, String path)
            throws WhepException {
        Admitted adm = admit(ctx, req, path);
        String id = ResourceSessions.newId();
        WhepSession session = new WhepSession(id, path, adm.peer(), config, fanout, adm.bframes(), this::forget);
        WebRtcTransport transport;
        try {
            transport = port.newPendingTransport(session);
        } catch (IllegalStateException e) {
            throw new WhepException(Reason.TOO_MANY_SESSIONS, "WebRTC port unavailable: " + e.getMessage());
        }
        SessionDescription offer;
        try {
            offer = ServerOffers.offer(adm.tracks(), aacAsOpus, transport, candidates(transport),
                    session.localTrack("video"), session.localTrack("audio"), RANDOM.nextLong() >>> 1);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        session.bind(transport, null, null);
        sessions.put(id, session, null, adm.token());
        offers.put(id, new PendingOffer(offer, adm.tracks()));
        // §4.2: a resource whose answer does not come in time is deleted (404 afterwards).
        transport.eventLoop().schedule(() -> {
            if (offers.remove(id) != null) {
                log.info("whep session answer timeout id={} path={} remote={}", id, path, adm.peer());
                session.close();
            }
        }, serverOfferTimeout.toMillis(), TimeUnit.MILLISECONDS);
        log.info("whep session offer id={} path={} remote={} sections={} bframes={}", id, path, adm.peer(),
                offer.media().size(), adm.bframes());
        FullHttpResponse r = created(offer.write(), id, session, adm.bframes());
        r.headers().set(HttpHeaderNames.EXPIRES, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plus(serverOfferTimeout)));
        return r;
    }

    /** The player's answer to our offer (PATCH, application/sdp): binds the transport; media follows. */
    private FullHttpResponse answer(FullHttpRequest req, String id, WhepSession s) throws WhepException {
        checkIfMatch(req, s);
        PendingOffer pending = offers.remove(id);
        if (pending == null) {
            throw new WhepException(Reason.WRONG_STATE, "session " + id + " already has an answer; "
                    + "renegotiation is not supported");
        }
        ServerOffers.Agreed agreed;
        try {
            agreed = ServerOffers.accept(pending.offer(), req.content().toString(StandardCharsets.UTF_8),
                    pending.tracks(), config.sdpLimits());
        } catch (WhepException e) {
            s.close(); // one answer per offer: the player starts over with a new POST
            throw e;
        }
        NegotiatedMedia v = agreed.video();
        NegotiatedMedia a = agreed.audio();
        SdpAnswer answer = agreed.answer();
        s.bindMedia(v, a);
        try {
            s.transport().bindRemote(answer.remoteUfrag(), answer.remotePwd(),
                    answer.remoteFingerprint().attributeValue(), answer.dtlsClient() ? DtlsRole.CLIENT : DtlsRole.SERVER);
        } catch (IllegalArgumentException e) {
            s.close();
            throw new WhepException(Reason.BAD_OFFER, "bad ICE credentials or fingerprint in the answer: "
                    + e.getMessage());
        } catch (IllegalStateException e) {
            throw new WhepException(Reason.SESSION_NOT_FOUND, "session " + id + " ended: " + e.getMessage());
        }
        sessions.setRemoteUfrag(id, answer.remoteUfrag());
        log.info("whep session start id={} path={} mode=server-offer video={} audio={}", id, s.path(),
                v == null ? "none" : v.codec().codec(), a == null ? "none" : a.codec().codec());
        // §4.3: with a server offer the ICE session's entity-tag comes with the answer's response.
        FullHttpResponse r = responses.of(HttpResponseStatus.NO_CONTENT, null, null);
        r.headers().set(HttpHeaderNames.ETAG, s.etag());
        return r;
    }

    private static void checkIfMatch(FullHttpRequest req, WhepSession s) throws WhepException {
        if (!SignalingRequests.ifMatches(req, s.etag())) {
            throw new WhepException(Reason.ETAG_MISMATCH, "If-Match " + SignalingRequests.ifMatch(req)
                    + " does not match " + s.etag());
        }
    }

    private FullHttpResponse resource(FullHttpRequest req, String id) throws WhepException {
        WhepSession s = sessions.get(id);
        HttpMethod m = req.method();
        if (s == null) {
            throw new WhepException(Reason.SESSION_NOT_FOUND, "no WHEP session " + id);
        }
        if (m.equals(HttpMethod.OPTIONS)) {
            return responses.options("OPTIONS, PATCH, DELETE", false, config.iceServers());
        }
        if (!SignalingRequests.bearerMatches(req, sessions.token(id))) {
            throw new WhepException(Reason.UNAUTHORIZED, "this session needs the bearer token it was created with");
        }
        if (m.equals(HttpMethod.DELETE)) {
            s.close();
            return responses.of(HttpResponseStatus.OK, null, null);
        }
        if (!m.equals(HttpMethod.PATCH)) {
            return responses.methodNotAllowed("OPTIONS, PATCH, DELETE");
        }
        String type = SignalingRequests.contentType(req);
        boolean pending = offers.containsKey(id);
        if (pending && type.startsWith(SignalingResponses.SDP) && !type.startsWith(SignalingResponses.SDP_FRAG)) {
            return answer(req, id, s);
        }
        if (!type.startsWith(SignalingResponses.SDP_FRAG)) {
            throw new WhepException(Reason.UNSUPPORTED_MEDIA_TYPE, "PATCH takes " + SignalingResponses.SDP_FRAG
                    + (pending ? " or, once, the SDP answer (" + SignalingResponses.SDP + ")" : ""));
        }
        if (pending) {
            // draft-murillo-whep-01 §4.3: no trickle or ICE restart before the answer's PATCH has been answered.
            throw new WhepException(Reason.WRONG_STATE, "PATCH the SDP answer (" + SignalingResponses.SDP
                    + ") before trickle candidates or an ICE restart");
        }
        checkIfMatch(req, s);
        SdpFragment frag;
        try {
            frag = SdpFragment.parse(req.content().toString(StandardCharsets.UTF_8), config.sdpLimits());
        } catch (SdpException e) {
            throw new WhepException(Reason.BAD_FRAGMENT, "bad trickle-ice-sdpfrag: " + e.getMessage());
        }
        String ufrag = frag.iceUfrag();
        String pwd = frag.icePwd();
        if (ufrag == null || pwd == null || ufrag.equals(sessions.remoteUfrag(id))) {
            // Trickled candidates: an ICE-lite server learns the peer's addresses from its checks.
            return responses.of(HttpResponseStatus.NO_CONTENT, null, null);
        }
        IceCredentials fresh;
        try {
            fresh = s.transport().restartIce(ufrag, pwd);
        } catch (IllegalArgumentException e) {
            throw new WhepException(Reason.BAD_FRAGMENT, "bad ICE credentials: " + e.getMessage());
        }
        sessions.setRemoteUfrag(id, ufrag);
        FullHttpResponse r = responses.of(HttpResponseStatus.OK, SignalingResponses.SDP_FRAG,
                restartAnswer(frag, fresh, candidates(s.transport())));
        r.headers().set(HttpHeaderNames.ETAG, s.renewEtag());
        return r;
    }

    /** The sdpfrag answering an ICE restart: our new credentials and candidates for each media section. */
    static String restartAnswer(SdpFragment offer, IceCredentials local, List<Candidate> candidates) {
        StringBuilder b = new StringBuilder();
        b.append("a=ice-lite\r\n");
        b.append("a=ice-ufrag:").append(local.ufrag()).append("\r\n");
        b.append("a=ice-pwd:").append(local.pwd()).append("\r\n");
        List<MediaDescription> media = offer.media();
        if (media.isEmpty()) {
            for (Candidate c : candidates) {
                b.append("a=").append(c.attributeName()).append(':').append(c.attributeValue()).append("\r\n");
            }
        }
        for (MediaDescription m : media) {
            b.append("m=").append(m.media()).append(' ').append(m.port()).append(' ').append(m.protocol());
            for (String f : m.formats()) {
                b.append(' ').append(f);
            }
            b.append("\r\n");
            if (m.mid() != null) {
                b.append("a=mid:").append(m.mid()).append("\r\n");
            }
            for (Candidate c : candidates) {
                b.append("a=").append(c.attributeName()).append(':').append(c.attributeValue()).append("\r\n");
            }
            b.append("a=end-of-candidates\r\n");
        }
        return b.toString();
    }

    private List<Candidate> candidates(WebRtcTransport t) {
        List<Candidate> all = WhepAnswers.candidates(t.localCandidates());
        return config.iceTcpOnly() ? all.stream().filter(Candidate::isTcp).toList() : all;
    }

    private void forget(WhepSession s) {
        sessions.remove(s.id(), s);
        offers.remove(s.id());
    }

    /** Every viewer, for the API and metrics. */
    public List<WhepSessionInfo> sessions() {
        return sessions.all().stream().map(WhepSession::info).toList();
    }

    /** Ends every session. */
    @Override
    public void close() {
        closed = true;
        for (WhepSession s : sessions.all()) {
            s.close();
        }
    }
}
