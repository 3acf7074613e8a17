package io.livegate.whip;

import io.livegate.rtc.dtls.DtlsFingerprint;
import io.livegate.rtc.dtls.DtlsRole;
import io.livegate.rtc.ice.IceCredentials;
import io.livegate.rtc.sdp.AnswerOptions;
import io.livegate.rtc.sdp.Candidate;
import io.livegate.rtc.sdp.SdpAttribute;
import io.livegate.rtc.sdp.SdpException;
import io.livegate.rtc.sdp.SdpFragment;
import io.livegate.rtc.sdp.SessionDescription;
import io.livegate.rtc.signaling.ResourceSessions;
import io.livegate.rtc.signaling.SignalingRequests;
import io.livegate.rtc.signaling.SignalingResponses;
import io.livegate.rtc.transport.WebRtcPort;
import io.livegate.rtc.transport.WebRtcTransport;
import io.livegate.router.PublishRejectedException;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.StreamRegistry;
import io.livegate.whip.http.WhipRoute;
import io.livegate.whip.session.WhipAnswers;
import io.livegate.whip.session.WhipException;
import io.livegate.whip.session.WhipException.Reason;
import io.livegate.whip.session.WhipSession;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WHIP ingest (RFC 9725): browsers and OBS publish WebRTC to {@code POST /{path}/whip}. The gateway routes HTTP
 * requests to {@link #handle}; media arrives on the shared {@link WebRtcPort}, and each publisher goes to the bus
 * through {@link StreamRegistry#publish}, so the publish hook (auth, path mapping) and takeover rules are the
 * same as for RTMP and SRT.
 *
 * <p>PATCH: trickled candidates are accepted and ignored (204): as an ICE-lite server we learn the publisher's
 * addresses from its checks. ICE restart is not supported: 422 (RFC 9725 4.3.1), the client starts a new session.
 */
public final class WhipIngest implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WhipIngest.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The response headers a publisher page reads. */
    private static final String EXPOSED = "Location, ETag, Link, Accept-Patch, Accept-Post";
    /** The query key the bearer token reaches the publish hook under (RTMP/SRT hooks see their own keys). */
    public static final String TOKEN_KEY = "token";

    private final WhipConfig config;
    private final StreamRegistry registry;
    private final WebRtcPort port;
    private final SignalingResponses responses;
    private final ResourceSessions<WhipSession> sessions = new ResourceSessions<>();
    private volatile boolean closed;

    public WhipIngest(WhipConfig config, StreamRegistry registry, WebRtcPort port) {
        this.config = config;
        this.registry = registry;
        this.port = port;
        this.responses = new SignalingResponses(config.allowOrigin(), EXPOSED);
    }

    public WhipConfig config() {
        return config;
    }

    /**
     * Serves a WHIP request. Does not release {@code request}.
     *
     * @return false when the URL is not a WHIP URL (the caller routes it elsewhere)
     */
    public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        WhipRoute route;
        try {
            route = WhipRoute.parse(request.uri(), config.sessionPrefix());
        } catch (IllegalArgumentException e) {
            SignalingResponses.send(ctx, request, responses.error(HttpResponseStatus.BAD_REQUEST,
                    "bad WHIP URL: " + e.getMessage()));
            return true;
        }
        if (route == null) {
            return false;
        }
        FullHttpResponse response;
        try {
            response = route.kind() == WhipRoute.Kind.ENDPOINT
                    ? endpoint(ctx, request, route)
                    : resource(request, route.value());
        } catch (WhipException e) {
            response = responses.failure(e.reason().status(), e.getMessage());
        }
        SignalingResponses.send(ctx, request, response);
        return true;
    }

    private FullHttpResponse endpoint(ChannelHandlerContext ctx, FullHttpRequest req, WhipRoute route)
            throws WhipException {
        HttpMethod m = req.method();
        if (m.equals(HttpMethod.OPTIONS)) {
            return responses.options("OPTIONS, POST", true, config.iceServers());
        }
        if (!m.equals(HttpMethod.POST)) {
            return responses.methodNotAllowed("OPTIONS, POST");
        }
        String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!type.toLowerCase(Locale.ROOT).startsWith(SignalingResponses.SDP)
                || type.toLowerCase(Locale.ROOT).startsWith(SignalingResponses.SDP_FRAG)) {
            throw new WhipException(Reason.UNSUPPORTED_MEDIA_TYPE, "content-type must be application/sdp, was '"
                    + type + "'");
        }
        return create(ctx, req, route);
    }

    private FullHttpResponse create(ChannelHandlerContext ctx, FullHttpRequest req, WhipRoute route)
            throws WhipException {
        if (closed) {
            throw new WhipException(Reason.TOO_MANY_SESSIONS, "WHIP is shutting down");
        }
        if (sessions.size() >= config.limits().maxSessions()) {
            throw new WhipException(Reason.TOO_MANY_SESSIONS, "server full: " + sessions.size()
                    + " publishers, limit " + config.limits().maxSessions());
        }
        if (req.content().readableBytes() == 0) {
            throw new WhipException(Reason.BAD_OFFER, "empty body: POST an SDP offer");
        }
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(req.content().toString(StandardCharsets.UTF_8), config.sdpLimits());
        } catch (SdpException e) {
            throw new WhipException(Reason.BAD_OFFER, "bad SDP offer: " + e.getMessage());
        }
        WhipAnswers.RemoteIdentity remote = WhipAnswers.remoteIdentity(offer);
        String token = SignalingRequests.bearer(req);
        String peer = String.valueOf(ctx.channel().remoteAddress());
        String id = ResourceSessions.newId();
        WhipSession session = new WhipSession(id, route.value(), peer, config, this::forget);
        WebRtcTransport transport;
        try {
            transport = port.newTransport(remote.ufrag(), remote.pwd(), remote.fingerprint(), DtlsRole.SERVER,
                    session);
        } catch (IllegalArgumentException e) {
            throw new WhipException(Reason.BAD_OFFER, "bad ICE credentials or fingerprint: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new WhipException(Reason.TOO_MANY_SESSIONS, "WebRTC port unavailable: " + e.getMessage());
        }
        WhipAnswers.Plan plan;
        Publisher publisher;
        try {
            IceCredentials local = transport.localIceCredentials();
            DtlsFingerprint fp = transport.localFingerprint();
            AnswerOptions base = AnswerOptions.whip(local.ufrag(), local.pwd(),
                    SdpAttribute.Fingerprint.of(fp.algorithm(), fp.value()), candidates(transport),
                    RANDOM.nextLong() >>> 1);
            plan = WhipAnswers.answer(offer, base, config.limits().maxTracks());
            publisher = publish(route, token, peer, session);
        } catch (WhipException | RuntimeException e) {
            transport.close();
            throw e;
        }
        boolean reducedSize = plan.answer().sdp().media().stream().anyMatch(md -> md.has("rtcp-rsize"));
        session.bind(transport, publisher, plan.tracks(), reducedSize);
        sessions.put(id, session, remote.ufrag(), token);
        log.info("whip session start id={} path={} remote={} tracks={}", id, publisher.path(), peer,
                plan.tracks().stream().map(t -> t.kind() + ":" + t.codec().codec()
                        + (t.codec().hasRtx() ? "+rtx" : "")).toList());
        return responses.created(plan.answer().sdp().write(), config.sessionPrefix() + id, session.etag(),
                config.iceServers());
    }

    /** Asks the bus (and its publish hook) for the path; maps refusals to RFC 9725 status codes. */
    private Publisher publish(WhipRoute route, String token, String peer, WhipSession session)
            throws WhipException {
        Map<String, String> query = new HashMap<>(route.query());
        query.remove(TOKEN_KEY);
        if (token != null) {
            query.put(TOKEN_KEY, token);
        }
        try {
            return registry.publish(new PublishRequest(route.value(), "whip", peer, query), session);
        } catch (PublishRejectedException e) {
            throw new WhipException(switch (e.reason()) {
                case PATH_BUSY -> Reason.PATH_BUSY;
                case BAD_PATH -> Reason.BAD_PATH;
                case NOT_ALLOWED -> token == null ? Reason.UNAUTHORIZED : Reason.FORBIDDEN;
            }, e.getMessage());
        }
    }

    private FullHttpResponse resource(FullHttpRequest req, String id) throws WhipException {
        WhipSession s = sessions.get(id);
        if (s == null) {
            throw new WhipException(Reason.SESSION_NOT_FOUND, "no WHIP session " + id);
        }
        HttpMethod m = req.method();
        if (m.equals(HttpMethod.OPTIONS)) {
            return responses.options("OPTIONS, PATCH, DELETE", false, config.iceServers());
        }
        if (!SignalingRequests.bearerMatches(req, sessions.token(id))) {
            throw new WhipException(Reason.UNAUTHORIZED, "this session needs the bearer token it was created with");
        }
        if (m.equals(HttpMethod.DELETE)) {
            s.close("deleted by the client");
            return responses.of(HttpResponseStatus.OK, null, null);
        }
        if (!m.equals(HttpMethod.PATCH)) {
            return responses.methodNotAllowed("OPTIONS, PATCH, DELETE");
        }
        if (!SignalingRequests.contentType(req).startsWith(SignalingResponses.SDP_FRAG)) {
            throw new WhipException(Reason.UNSUPPORTED_MEDIA_TYPE, "PATCH takes " + SignalingResponses.SDP_FRAG);
        }
        if (!SignalingRequests.ifMatches(req, s.etag())) {
            throw new WhipException(Reason.ETAG_MISMATCH, "If-Match " + SignalingRequests.ifMatch(req)
                    + " does not match " + s.etag());
        }
        SdpFragment frag;
        try {
            frag = SdpFragment.parse(req.content().toString(StandardCharsets.UTF_8), config.sdpLimits());
        } catch (SdpException e) {
            throw new WhipException(Reason.BAD_FRAGMENT, "bad trickle-ice-sdpfrag: " + e.getMessage());
        }
        String ufrag = frag.iceUfrag();
        if (ufrag != null && frag.icePwd() != null && !ufrag.equals(sessions.remoteUfrag(id))) {
            throw new WhipException(Reason.UNSUPPORTED_PATCH, "ICE restart is not supported: DELETE this session "
                    + "and POST a new offer");
        }
        // Trickled candidates: an ICE-lite server learns the publisher's addresses from its checks.
        return responses.of(HttpResponseStatus.NO_CONTENT, null, null);
    }

    private List<Candidate> candidates(WebRtcTransport t) {
        return WhipAnswers.candidates(t.localCandidates());
    }

    private void forget(WhipSession s) {
        sessions.remove(s.id(), s);
    }

    /** Every publisher, for the API and metrics. */
    public List<WhipSessionInfo> sessions() {
        return sessions.all().stream().map(WhipSession::info).toList();
    }

    /** Ends every session (their publishers close). */
    @Override
    public void close() {
        closed = true;
        for (WhipSession s : sessions.all()) {
            s.close("server shutting down");
        }
    }
}
