package io.livegate.whip;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.router.PublishHook;
import io.livegate.router.PublishHook.PublishDecision;
import io.livegate.router.RouterConfig;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WHIP HTTP resource (RFC 9725 4): status codes, headers and the answer, against a real WebRTC port. */
class WhipIngestTest {

    private WhipTestBed bed;

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    private static String offer() throws Exception {
        try (TestPublisher p = new TestPublisher()) {
            return p.offer();
        }
    }

    @Test
    void postAnswersWith201LocationEtagAndARecvonlyAnswer() throws Exception {
        bed = new WhipTestBed(WhipConfig.DEFAULTS.withIceServers(List.of("stun:stun.example.net:3478")),
                RouterConfig.DEFAULTS, PublishHook.ALLOW_ALL);
        WhipTestBed.Reply r = bed.post("live/cam1", offer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.header("Location")).matches("/whip/sessions/[0-9a-f]{32}");
        assertThat(r.header("ETag")).startsWith("\"");
        assertThat(r.header("Content-Type")).isEqualTo("application/sdp");
        assertThat(r.header("Accept-Patch")).isEqualTo("application/trickle-ice-sdpfrag");
        assertThat(r.header("Link")).isEqualTo("<stun:stun.example.net:3478>; rel=\"ice-server\"");
        assertThat(r.body()).contains("a=ice-lite", "a=setup:passive", "a=recvonly", "a=rtpmap:102 H264/90000",
                "a=rtpmap:103 rtx/90000", "a=fmtp:103 apt=102", "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtcp-fb:102 nack pli", "a=rtcp-fb:102 transport-cc",
                "a=candidate:", "127.0.0.1");
        assertThat(r.body()).doesNotContain("a=sendonly", "goog-remb");
        assertThat(bed.registry.requests).singleElement()
                .satisfies(q -> assertThat(q.protocol()).isEqualTo("whip"));
        assertThat(bed.router.find("live/cam1")).isPresent();
        assertThat(bed.ingest.sessions()).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("live/cam1");
            assertThat(s.state()).isEqualTo("NEW");
            assertThat(s.videoCodec()).isEqualTo("H264 42e01f");
            assertThat(s.audioCodec()).isEqualTo("opus");
        });
    }

    @Test
    void wrongContentTypeIs415AndNonWhipUrlsAreNotOurs() throws Exception {
        bed = new WhipTestBed();
        assertThat(bed.request(HttpMethod.POST, "/live/cam1/whip", "application/json", offer()).status())
                .isEqualTo(415);
        assertThat(bed.request(HttpMethod.POST, "/live/cam1/whip", null, offer()).status()).isEqualTo(415);
        assertThat(bed.request(HttpMethod.POST, "/live/cam1/whep", "application/sdp", offer()).status())
                .isEqualTo(599);
        assertThat(bed.request(HttpMethod.POST, "/live/../x/whip", "application/sdp", offer()).status())
                .isEqualTo(400);
    }

    @Test
    void badOffersAre400WithAReason() throws Exception {
        bed = new WhipTestBed();
        WhipTestBed.Reply empty = bed.post("live/cam1", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("empty body");
        WhipTestBed.Reply garbage = bed.post("live/cam1", "hello");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body()).contains("bad SDP offer");
        String pcmuOnly = offer().replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 PCMU/8000")
                .replace("H264/90000", "MP4V-ES/90000");
        WhipTestBed.Reply none = bed.post("live/cam1", pcmuOnly);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("no usable track", "PCMU", "MP4V-ES");
        WhipTestBed.Reply recvonly = bed.post("live/cam1", offer().replace("a=sendonly", "a=recvonly"));
        assertThat(recvonly.status()).isEqualTo(400);
        assertThat(recvonly.body()).contains("no usable track");
        assertThat(bed.router.find("live/cam1")).isEmpty();
        assertThat(bed.port.sessionCount()).isZero();
    }

    @Test
    void aBusyPathIs409AndTakeoverFollowsTheRouter() throws Exception {
        bed = new WhipTestBed();
        assertThat(bed.post("live/cam1", offer()).status()).isEqualTo(201);
        WhipTestBed.Reply busy = bed.post("live/cam1", offer());
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.body()).contains("already has a publisher");
        assertThat(bed.port.sessionCount()).isEqualTo(1);
        bed.close();

        bed = new WhipTestBed(WhipConfig.DEFAULTS, new RouterConfig(Duration.ofSeconds(10), true, 100, 1 << 20,
                Duration.ofMillis(500), Duration.ofSeconds(10)), PublishHook.ALLOW_ALL);
        assertThat(bed.post("live/cam1", offer()).status()).isEqualTo(201);
        assertThat(bed.post("live/cam1", offer()).status()).isEqualTo(201);
        // The first session was disconnected by the takeover.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> bed.ingest.sessions().size() == 1);
    }

    @Test
    void thePublishHookDecidesWith401And403() throws Exception {
        PublishHook hook = req -> "s3cret".equals(req.query().get(WhipIngest.TOKEN_KEY))
                ? new PublishDecision.Allow("live/mapped") : new PublishDecision.Reject("bad key");
        bed = new WhipTestBed(WhipConfig.DEFAULTS, RouterConfig.DEFAULTS, hook);
        WhipTestBed.Reply none = bed.post("live/cam1", offer());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(bed.post("live/cam1", offer(), "Authorization", "Bearer nope").status()).isEqualTo(403);
        WhipTestBed.Reply ok = bed.request(HttpMethod.POST, "/live/cam1/whip?x=1", "application/sdp", offer(),
                "Authorization", "Bearer s3cret");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(bed.registry.requests.getLast().query()).containsEntry("x", "1");
        assertThat(bed.router.find("live/mapped")).isPresent();
        assertThat(bed.ingest.sessions().get(0).path()).isEqualTo("live/mapped");
        String location = ok.header("Location");
        assertThat(bed.request(HttpMethod.DELETE, location, null, null).status()).isEqualTo(401);
        assertThat(bed.request(HttpMethod.DELETE, location, null, null, "Authorization", "Bearer s3cret").status())
                .isEqualTo(200);
        assertThat(bed.port.sessionCount()).isZero();
    }

    @Test
    void deleteEndsTheSessionAndThePublisher() throws Exception {
        bed = new WhipTestBed();
        WhipTestBed.Reply r = bed.post("live/cam1", offer());
        String location = r.header("Location");
        assertThat(bed.request(HttpMethod.DELETE, location, null, null).status()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> bed.registry.closed);
        assertThat(bed.ingest.sessions()).isEmpty();
        assertThat(bed.request(HttpMethod.DELETE, location, null, null).status()).isEqualTo(404);
        assertThat(bed.router.find("live/cam1").orElseThrow().state())
                .isEqualTo(io.livegate.router.Stream.State.WAITING);
    }

    @Test
    void patchTakesTrickleRefusesIceRestartAndChecksTheEtag() throws Exception {
        bed = new WhipTestBed();
        String offer = offer();
        WhipTestBed.Reply r = bed.post("live/cam1", offer);
        String location = r.header("Location");
        String ufrag = TestPublisher.line(offer, "a=ice-ufrag:");
        String pwd = TestPublisher.line(offer, "a=ice-pwd:");
        String frag = "a=ice-ufrag:" + ufrag + "\r\na=ice-pwd:" + pwd
                + "\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n"
                + "a=candidate:1 1 udp 2122260223 127.0.0.1 40000 typ host\r\na=end-of-candidates\r\n";
        String sdpfrag = "application/trickle-ice-sdpfrag";
        assertThat(bed.request(HttpMethod.PATCH, location, sdpfrag, frag, "If-Match", r.header("ETag")).status())
                .isEqualTo(204);
        assertThat(bed.request(HttpMethod.PATCH, location, sdpfrag, frag).status()).isEqualTo(204);
        assertThat(bed.request(HttpMethod.PATCH, location, sdpfrag, frag, "If-Match", "\"other\"").status())
                .isEqualTo(412);
        assertThat(bed.request(HttpMethod.PATCH, location, "application/sdp", frag).status()).isEqualTo(415);
        WhipTestBed.Reply restart = bed.request(HttpMethod.PATCH, location, sdpfrag,
                frag.replace(ufrag, "newU").replace(pwd, "newPasswordNewPassword12"), "If-Match", "*");
        assertThat(restart.status()).isEqualTo(422);
        assertThat(restart.body()).contains("ICE restart is not supported");
        assertThat(bed.request(HttpMethod.PATCH, location, sdpfrag, "x=bogus\r\n").status()).isEqualTo(400);
        assertThat(bed.request(HttpMethod.GET, location, null, null).status()).isEqualTo(405);
    }

    @Test
    void optionsAnswerCorsAndMethods() throws Exception {
        bed = new WhipTestBed();
        WhipTestBed.Reply o = bed.request(HttpMethod.OPTIONS, "/live/cam1/whip", null, null);
        assertThat(o.status()).isEqualTo(204);
        assertThat(o.header("Accept-Post")).isEqualTo("application/sdp");
        assertThat(o.header("Allow")).isEqualTo("OPTIONS, POST");
        assertThat(o.header("Access-Control-Allow-Methods")).isEqualTo("OPTIONS, POST");
        assertThat(o.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(o.header("Access-Control-Allow-Headers")).contains("Authorization", "If-Match");
        WhipTestBed.Reply get = bed.request(HttpMethod.GET, "/live/cam1/whip", null, null);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("OPTIONS, POST");
        assertThat(bed.request(HttpMethod.DELETE, "/whip/sessions/0123", null, null).status()).isEqualTo(404);
        assertThat(bed.request(HttpMethod.DELETE, "/whip/sessions/XYZ", null, null).status()).isEqualTo(400);
    }

    @Test
    void sessionsPastTheLimitAre503() throws Exception {
        bed = new WhipTestBed(WhipConfig.DEFAULTS.withLimits(WhipLimits.DEFAULTS.withMaxSessions(1)),
                RouterConfig.DEFAULTS, PublishHook.ALLOW_ALL);
        assertThat(bed.post("live/a", offer()).status()).isEqualTo(201);
        WhipTestBed.Reply full = bed.post("live/b", offer());
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.body()).contains("limit 1");
    }
}
