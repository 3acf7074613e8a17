package io.livegate.whep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Track;
import io.livegate.rtc.transport.WebRtcConfig;
import io.livegate.rtc.transport.WebRtcPort;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.StreamRouter;
import io.livegate.transcode.OpusTranscoding;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WHEP resource rules over an in-memory channel, with a real WebRTC port on 127.0.0.1 (no peer connects). */
class WhepEgressTest {

    private EventLoopGroup group;
    private WebRtcPort port;
    private StreamRouter router;
    private Publisher publisher;
    private WhepEgress egress;

    @BeforeEach
    void setUp() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        port = new WebRtcPort(WebRtcConfig.DEFAULTS.withBindHost("127.0.0.1").withPort(0)
                .withAdvertisedAddresses(List.of(InetAddress.getByName("127.0.0.1"))), group);
        port.start();
        router = new StreamRouter();
        publisher = router.publish(new PublishRequest("live/cam1", "test", "127.0.0.1:1", null), r -> {
        });
        publisher.setTrack(new Track(0, Codec.H264, 90_000, new CodecParameters.H264Parameters(
                List.of(TestSdp.BASELINE_SPS), List.of(TestSdp.PPS))));
        publisher.setTrack(new Track(1, Codec.OPUS, 48_000, new CodecParameters.OpusParameters(2, 312, 48_000)));
        egress = new WhepEgress(WhepConfig.DEFAULTS.withIceServers(List.of("stun:stun.example.net:3478")), router,
                port, (OpusTranscoding) null);
    }

    @AfterEach
    void tearDown() {
        egress.close();
        publisher.close();
        router.close();
        port.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private FullHttpResponse request(HttpMethod method, String uri, String type, String body, String ifMatch) {
        return request(method, uri, type, body, ifMatch, null);
    }

    private FullHttpResponse request(HttpMethod method, String uri, String type, String body, String ifMatch,
                                     String token) {
        EmbeddedChannel ch = new EmbeddedChannel(new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                if (!egress.handle(ctx, req)) {
                    ctx.fireUserEventTriggered("not-whep");
                }
            }
        });
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body == null ? "" : body, StandardCharsets.UTF_8));
        if (type != null) {
            req.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        }
        if (ifMatch != null) {
            req.headers().set(HttpHeaderNames.IF_MATCH, ifMatch);
        }
        if (token != null) {
            req.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        ch.writeInbound(req);
        FullHttpResponse r = ch.readOutbound();
        ch.finishAndReleaseAll();
        return r;
    }

    private static String body(FullHttpResponse r) {
        try {
            return r.content().toString(StandardCharsets.UTF_8);
        } finally {
            r.release();
        }
    }

    private FullHttpResponse post(String offer) {
        return request(HttpMethod.POST, "/live/cam1/whep", "application/sdp", offer, null);
    }

    @Test
    void postCreatesASessionWithLocationEtagLinkAndAnswer() throws Exception {
        FullHttpResponse r = post(TestSdp.chromiumOffer());
        assertThat(r.status().code()).isEqualTo(201);
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/sdp");
        String location = r.headers().get(HttpHeaderNames.LOCATION);
        assertThat(location).startsWith("/whep/sessions/");
        assertThat(r.headers().get(HttpHeaderNames.ETAG)).startsWith("\"");
        assertThat(r.headers().get("Link")).isEqualTo("<stun:stun.example.net:3478>; rel=\"ice-server\"");
        assertThat(r.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");
        assertThat(r.headers().get(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS)).contains("Location", "ETag");
        assertThat(body(r)).contains("a=ice-lite", "a=sendonly", "H264/90000", "opus/48000", "a=candidate:");
        assertThat(egress.sessions()).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("live/cam1");
            assertThat(s.state()).isEqualTo("NEW");
            assertThat(s.videoCodec()).isEqualTo("H264 42e01f");
            assertThat(s.audioCodec()).isEqualTo("opus");
            assertThat(s.bframes()).isFalse();
        });
        assertThat(port.sessionCount()).isEqualTo(1);

        assertThat(request(HttpMethod.DELETE, location, null, null, null).status().code()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> egress.sessions().isEmpty() && port.sessionCount() == 0);
        FullHttpResponse again = request(HttpMethod.DELETE, location, null, null, null);
        assertThat(again.status().code()).isEqualTo(404);
        again.release();
    }

    @Test
    void unknownStreamIs404() throws Exception {
        FullHttpResponse r = request(HttpMethod.POST, "/live/nothing/whep", "application/sdp",
                TestSdp.chromiumOffer(), null);
        assertThat(r.status().code()).isEqualTo(404);
        assertThat(body(r)).contains("no stream at live/nothing");
    }

    @Test
    void noCommonCodecIs409WithAReason() throws Exception {
        FullHttpResponse r = post(TestSdp.vp8OnlyOffer());
        assertThat(r.status().code()).isEqualTo(409);
        assertThat(body(r)).contains("no codec in common", "H264", "HLS");
        assertThat(egress.sessions()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> port.sessionCount() == 0);
    }

    @Test
    void badRequestsAreRefusedWithReasons() throws Exception {
        FullHttpResponse wrongType = request(HttpMethod.POST, "/live/cam1/whep", "text/plain", "v=0", null);
        assertThat(wrongType.status().code()).isEqualTo(415);
        wrongType.release();
        FullHttpResponse garbage = post("this is not sdp");
        assertThat(garbage.status().code()).isEqualTo(400);
        garbage.release();
        FullHttpResponse get = request(HttpMethod.GET, "/live/cam1/whep", null, null, null);
        assertThat(get.status().code()).isEqualTo(405);
        assertThat(get.headers().get(HttpHeaderNames.ALLOW)).contains("POST");
        get.release();
        FullHttpResponse badUrl = request(HttpMethod.POST, "/%zz/whep", "application/sdp", "v=0", null);
        assertThat(badUrl.status().code()).isEqualTo(400);
        badUrl.release();
    }

    @Test
    void otherUrlsAreLeftToTheCaller() {
        assertThat(request(HttpMethod.GET, "/live/cam1/index.m3u8", null, null, null)).isNull();
    }

    @Test
    void optionsAnswersCorsPreflight() {
        FullHttpResponse r = request(HttpMethod.OPTIONS, "/live/cam1/whep", null, null, null);
        assertThat(r.status().code()).isEqualTo(204);
        assertThat(r.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS)).contains("POST");
        assertThat(r.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS)).contains("Content-Type",
                "Authorization", "If-Match");
        assertThat(r.headers().get("Accept-Post")).isEqualTo("application/sdp");
        r.release();
    }

    @Test
    void patchTricklesAndRestartsIceWithIfMatch() throws Exception {
        FullHttpResponse created = post(TestSdp.chromiumOffer());
        String location = created.headers().get(HttpHeaderNames.LOCATION);
        String etag = created.headers().get(HttpHeaderNames.ETAG);
        String answer = body(created);
        String ourUfrag = answer.lines().filter(l -> l.startsWith("a=ice-ufrag:")).findFirst().orElseThrow();
        String theirUfrag = TestSdp.chromiumOffer().lines().filter(l -> l.startsWith("a=ice-ufrag:"))
                .findFirst().orElseThrow().substring("a=ice-ufrag:".length());
        String frag = "application/trickle-ice-sdpfrag";

        FullHttpResponse stale = request(HttpMethod.PATCH, location, frag, "a=ice-ufrag:x\r\n", "\"stale\"");
        assertThat(stale.status().code()).isEqualTo(412);
        stale.release();

        String trickle = "a=ice-ufrag:" + theirUfrag + "\r\na=ice-pwd:whatever\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\n"
                + "a=mid:0\r\na=candidate:1 1 udp 2113937151 127.0.0.1 50000 typ host\r\n";
        FullHttpResponse trickled = request(HttpMethod.PATCH, location, frag, trickle, etag);
        assertThat(trickled.status().code()).isEqualTo(204);
        trickled.release();

        String restart = "a=ice-ufrag:newUfrag\r\na=ice-pwd:newpasswordnewpassword12\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n";
        FullHttpResponse restarted = request(HttpMethod.PATCH, location, frag, restart, etag);
        assertThat(restarted.status().code()).isEqualTo(200);
        assertThat(restarted.headers().get(HttpHeaderNames.ETAG)).isNotEqualTo(etag);
        assertThat(restarted.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(frag);
        String restartAnswer = body(restarted);
        assertThat(restartAnswer).contains("a=ice-ufrag:", "a=ice-pwd:", "a=mid:0", "a=candidate:",
                "a=end-of-candidates").doesNotContain(ourUfrag + "\r\n");

        FullHttpResponse old = request(HttpMethod.PATCH, location, frag, restart, etag);
        assertThat(old.status().code()).isEqualTo(412);
        old.release();
        FullHttpResponse wrongType = request(HttpMethod.PATCH, location, "application/sdp", restart, null);
        assertThat(wrongType.status().code()).isEqualTo(415);
        wrongType.release();
    }

    @Test
    void sessionLimitIs503() throws Exception {
        egress.close();
        egress = new WhepEgress(WhepConfig.DEFAULTS.withMaxSessions(1), router, port, (OpusTranscoding) null);
        post(TestSdp.chromiumOffer()).release();
        FullHttpResponse second = post(TestSdp.chromiumOffer());
        assertThat(second.status().code()).isEqualTo(503);
        assertThat(body(second)).contains("limit 1");
    }

    @Test
    void bearerTokensGoThroughTheAuthorizerAndGuardTheSession() throws Exception {
        egress.setAuthorizer((path, token, remote) -> "s3cret".equals(token) && path.equals("live/cam1"));
        FullHttpResponse none = post(TestSdp.chromiumOffer());
        assertThat(none.status().code()).isEqualTo(401);
        assertThat(none.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        assertThat(body(none)).contains("bearer token is required");
        FullHttpResponse wrong = request(HttpMethod.POST, "/live/cam1/whep", "application/sdp",
                TestSdp.chromiumOffer(), null, "guess");
        assertThat(wrong.status().code()).isEqualTo(401);
        wrong.release();

        FullHttpResponse ok = request(HttpMethod.POST, "/live/cam1/whep", "application/sdp",
                TestSdp.chromiumOffer(), null, "s3cret");
        assertThat(ok.status().code()).isEqualTo(201);
        String location = ok.headers().get(HttpHeaderNames.LOCATION);
        ok.release();
        FullHttpResponse anonymousDelete = request(HttpMethod.DELETE, location, null, null, null);
        assertThat(anonymousDelete.status().code()).isEqualTo(401);
        anonymousDelete.release();
        assertThat(egress.sessions()).hasSize(1);
        FullHttpResponse delete = request(HttpMethod.DELETE, location, null, null, null, "s3cret");
        assertThat(delete.status().code()).isEqualTo(200);
        delete.release();
    }

    // ---- server-offer mode (draft-murillo-whep-01 §4.2) ----

    private static String line(String sdp, String prefix) {
        return sdp.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }

    /** A recvonly answer to our offer as Chromium writes one: the Constrained Baseline payload type, Opus. */
    static String answerTo(String offer, boolean rejectVideo) {
        // Chromium keeps only the payload types it can receive: Constrained Baseline when offered, else the first
        String fmtp = offer.lines().filter(l -> l.startsWith("a=fmtp:") && l.contains("profile-level-id=42e01f"))
                .findFirst().orElse(offer.lines().filter(l -> l.startsWith("a=fmtp:") && l.contains("profile-level-id"))
                        .findFirst().orElseThrow()).substring(7);
        String videoPt = fmtp.split(" ")[0];
        String common = "c=IN IP4 0.0.0.0\r\na=ice-ufrag:Ab12\r\na=ice-pwd:answerpasswordanswerpwd1\r\n"
                + "a=fingerprint:" + io.livegate.rtc.dtls.DtlsCertificate.generate().fingerprint().toSdpValue() + "\r\n"
                + "a=setup:active\r\n";
        return "v=0\r\no=- 42 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
                + "m=video " + (rejectVideo ? "0" : "9") + " UDP/TLS/RTP/SAVPF " + videoPt + "\r\n" + common
                + "a=mid:0\r\na=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=recvonly\r\na=rtcp-mux\r\n"
                + "a=rtpmap:" + videoPt + " H264/90000\r\na=rtcp-fb:" + videoPt + " nack\r\na=rtcp-fb:" + videoPt
                + " nack pli\r\na=fmtp:" + fmtp + "\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" + common
                + "a=mid:1\r\na=recvonly\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n"
                + "a=fmtp:111 minptime=10;useinbandfec=1\r\n";
    }

    @Test
    void serverOfferPostWithoutBodyThenAnswerByPatchThenDelete() throws Exception {
        FullHttpResponse r = request(HttpMethod.POST, "/live/cam1/whep", null, null, null);
        assertThat(r.status().code()).isEqualTo(201);
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/sdp");
        String location = r.headers().get(HttpHeaderNames.LOCATION);
        String etag = r.headers().get(HttpHeaderNames.ETAG);
        assertThat(location).startsWith("/whep/sessions/");
        assertThat(etag).startsWith("\"");
        assertThat(r.headers().get(HttpHeaderNames.EXPIRES)).endsWith("GMT");
        assertThat(r.headers().get("Link")).isEqualTo("<stun:stun.example.net:3478>; rel=\"ice-server\"");
        String offer = body(r);
        assertThat(offer).contains("a=ice-lite", "a=setup:actpass", "a=sendonly", "H264/90000", "opus/48000/2",
                "profile-level-id=42c01e", "a=candidate:", "a=group:BUNDLE 0 1", "a=ssrc:");
        assertThat(egress.sessions()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("NEW");
            assertThat(s.videoCodec()).isEmpty();
        });
        assertThat(port.sessionCount()).isEqualTo(1);

        // the player must not trickle before its answer went through (§4.3)
        String frag = "application/trickle-ice-sdpfrag";
        String trickle = "a=ice-ufrag:Ab12\r\na=ice-pwd:answerpasswordanswerpwd1\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\n"
                + "a=mid:0\r\na=candidate:1 1 udp 2113937151 127.0.0.1 50000 typ host\r\n";
        FullHttpResponse early = request(HttpMethod.PATCH, location, frag, trickle, etag);
        assertThat(early.status().code()).isEqualTo(409);
        assertThat(body(early)).contains("answer");

        String answer = answerTo(offer, false);
        FullHttpResponse stale = request(HttpMethod.PATCH, location, "application/sdp", answer, "\"stale\"");
        assertThat(stale.status().code()).isEqualTo(412);
        stale.release();
        FullHttpResponse garbage = request(HttpMethod.PATCH, location, "text/plain", answer, etag);
        assertThat(garbage.status().code()).isEqualTo(415);
        garbage.release();

        FullHttpResponse accepted = request(HttpMethod.PATCH, location, "application/sdp", answer, etag);
        assertThat(accepted.status().code()).isEqualTo(204);
        assertThat(accepted.headers().get(HttpHeaderNames.ETAG)).isEqualTo(etag);
        accepted.release();
        assertThat(egress.sessions()).singleElement().satisfies(s -> {
            assertThat(s.videoCodec()).isEqualTo("H264 42c01e");
            assertThat(s.audioCodec()).isEqualTo("opus");
        });

        // now it is a session like any other: trickle is 204, a second answer is refused
        FullHttpResponse trickled = request(HttpMethod.PATCH, location, frag, trickle, etag);
        assertThat(trickled.status().code()).isEqualTo(204);
        trickled.release();
        FullHttpResponse again = request(HttpMethod.PATCH, location, "application/sdp", answer, etag);
        assertThat(again.status().code()).isEqualTo(415);
        again.release();

        assertThat(request(HttpMethod.DELETE, location, null, null, null).status().code()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> egress.sessions().isEmpty() && port.sessionCount() == 0);
        FullHttpResponse gone = request(HttpMethod.PATCH, location, "application/sdp", answer, null);
        assertThat(gone.status().code()).isEqualTo(404);
        gone.release();
    }

    @Test
    void serverOfferForAHighStreamCarriesAConstrainedBaselineFallback() throws Exception {
        Publisher high = router.publish(new PublishRequest("live/high", "test", "127.0.0.1:2", null), r -> {
        });
        try {
            high.setTrack(new Track(0, Codec.H264, 90_000, new CodecParameters.H264Parameters(
                    List.of(TestSdp.HIGH_SPS), List.of(TestSdp.PPS))));
            FullHttpResponse r = request(HttpMethod.POST, "/live/high/whep", null, null, null);
            assertThat(r.status().code()).isEqualTo(201);
            String location = r.headers().get(HttpHeaderNames.LOCATION);
            String offer = body(r);
            assertThat(offer).contains("profile-level-id=64001f", "profile-level-id=42e01f").doesNotContain("m=audio");
            String answer = answerTo(offer, false);
            answer = answer.substring(0, answer.indexOf("m=audio")).replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0");
            FullHttpResponse ok = request(HttpMethod.PATCH, location, "application/sdp", answer, null);
            assertThat(ok.status().code()).isEqualTo(204);
            ok.release();
            assertThat(egress.sessions()).singleElement()
                    .satisfies(s -> assertThat(s.videoCodec()).isEqualTo("H264 42e01f"));
        } finally {
            high.close();
        }
    }

    @Test
    void serverOfferCanBeSwitchedOffWith406() throws Exception {
        egress.setServerOffer(false, WhepEgress.DEFAULT_SERVER_OFFER_TIMEOUT);
        FullHttpResponse r = request(HttpMethod.POST, "/live/cam1/whep", "application/sdp", "", null);
        assertThat(r.status().code()).isEqualTo(406);
        assertThat(body(r)).contains("server-offer");
        assertThat(egress.sessions()).isEmpty();
        assertThat(port.sessionCount()).isZero();
    }

    @Test
    void serverOfferAnswerRejectingVideoOrUnreadableEndsTheSession() throws Exception {
        FullHttpResponse r = request(HttpMethod.POST, "/live/cam1/whep", null, null, null);
        String location = r.headers().get(HttpHeaderNames.LOCATION);
        String offer = body(r);
        FullHttpResponse noVideo = request(HttpMethod.PATCH, location, "application/sdp", answerTo(offer, true), null);
        assertThat(noVideo.status().code()).isEqualTo(409);
        assertThat(body(noVideo)).contains("rejects the video", "HLS");
        await().atMost(Duration.ofSeconds(5)).until(() -> egress.sessions().isEmpty() && port.sessionCount() == 0);

        FullHttpResponse r2 = request(HttpMethod.POST, "/live/cam1/whep", null, null, null);
        String location2 = r2.headers().get(HttpHeaderNames.LOCATION);
        r2.release();
        FullHttpResponse bad = request(HttpMethod.PATCH, location2, "application/sdp", "v=0\r\nnonsense", null);
        assertThat(bad.status().code()).isEqualTo(400);
        assertThat(body(bad)).contains("bad SDP answer");
        await().atMost(Duration.ofSeconds(5)).until(() -> egress.sessions().isEmpty() && port.sessionCount() == 0);
    }

    @Test
    void unansweredServerOfferExpiresAndIsThen404() throws Exception {
        egress.setServerOffer(true, Duration.ofMillis(200));
        FullHttpResponse r = request(HttpMethod.POST, "/live/cam1/whep", null, null, null);
        assertThat(r.status().code()).isEqualTo(201);
        String location = r.headers().get(HttpHeaderNames.LOCATION);
        String offer = body(r);
        await().atMost(Duration.ofSeconds(5)).until(() -> egress.sessions().isEmpty() && port.sessionCount() == 0);
        FullHttpResponse late = request(HttpMethod.PATCH, location, "application/sdp", answerTo(offer, false), null);
        assertThat(late.status().code()).isEqualTo(404);
        late.release();
    }

    @Test
    void serverOfferNeedsAPlayableStream() throws Exception {
        FullHttpResponse r = request(HttpMethod.POST, "/live/nothing/whep", null, null, null);
        assertThat(r.status().code()).isEqualTo(404);
        r.release();
        assertThat(port.sessionCount()).isZero();
    }
}
