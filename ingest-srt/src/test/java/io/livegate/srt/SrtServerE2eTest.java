package io.livegate.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.StreamRouter;
import io.livegate.router.SubscriberInfo;
import io.livegate.router.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real SRT publishers (ffmpeg with libsrt, srt-live-transmit) into the server on 127.0.0.1, a few seconds each.
 * Needs ffmpeg, srt-live-transmit and libsrt1.5-openssl installed (CI installs them).
 */
@Tag("e2e")
class SrtServerE2eTest {

    private static final String PASS = "0123456789abcdef";
    private StreamRouter router;
    private SrtServer server;
    private ExecutorService executor;

    @BeforeEach
    void setUp() {
        assertThat(ExternalProcess.onPath("ffmpeg")).as("ffmpeg on PATH").isTrue();
        assertThat(ExternalProcess.onPath("srt-live-transmit")).as("srt-live-transmit on PATH").isTrue();
        router = new StreamRouter();
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        router.close();
        executor.shutdownNow();
    }

    private void startServer(String passphrase, Map<String, String> perPath) {
        // 200 ms: a little above ffmpeg's 120 so the test sees the server's value win the negotiation. Larger
        // values lose more of the stream's tail, which ffmpeg closes without lingering.
        SrtConfig c = SrtConfig.DEFAULTS.withBind("127.0.0.1", 0).withPassphrases(passphrase, perPath);
        server = new SrtServer(new SrtConfig(c.bindHost(), c.port(), Duration.ofMillis(200), c.passphrase(),
                c.pathPassphrases(), c.maxSessions(), c.idleTimeout(), c.limits()), router);
        server.start();
        assertThat(server.port()).isPositive();
    }

    private static String ffmpeg(String vcodec, int seconds, String url) {
        return "exec ffmpeg -hide_banner -loglevel warning -nostdin -re -f lavfi -i testsrc2=size=640x360:rate=30"
                + " -f lavfi -i sine=f=440:sample_rate=48000 -t " + seconds + " -c:v " + vcodec
                + " -preset veryfast -g 30 -c:a aac -f mpegts '" + url + "'";
    }

    private String url(String streamId, String extra) {
        return "srt://127.0.0.1:" + server.port() + "?streamid=" + streamId + "&pkt_size=1316&latency=120000" + extra;
    }

    private RecordingSubscriber subscribeWhenLive(String path, ExternalProcess client) throws Exception {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .failFast(() -> !client.process.isAlive() && router.find(path).isEmpty())
                .until(() -> router.find(path).isPresent());
        RecordingSubscriber sub = new RecordingSubscriber();
        Subscription s = router.subscribe(path, new SubscriberInfo("test", ""), executor, sub);
        assertThat(s).isNotNull();
        return sub;
    }

    /** Frames whose pts lies within {@code ticks} of the track's first frame. */
    private static int within(List<Frame> frames, long ticks) {
        long first = frames.get(0).pts();
        return (int) frames.stream().filter(f -> f.pts() - first < ticks).count();
    }

    private static void assertMonotonicDts(List<Frame> frames) {
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).dts()).as("dts of frame %d", i).isGreaterThanOrEqualTo(frames.get(i - 1).dts());
        }
    }

    @Test
    void ffmpegPublishesH264AndAac() throws Exception {
        startServer(null, Map.of());
        try (ExternalProcess ff = ExternalProcess.shell("ffmpeg-h264",
                ffmpeg("libx264", 4, url("#!::r=live/test,m=publish", "")))) {
            RecordingSubscriber sub = subscribeWhenLive("live/test", ff);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().size() == 1);
            SrtSessionInfo info = server.sessions().get(0);
            assertThat(info.path()).isEqualTo("live/test");
            assertThat(info.streamId()).isEqualTo("#!::r=live/test,m=publish");
            assertThat(info.remoteAddress()).startsWith("127.0.0.1:");
            assertThat(info.latencyMs()).isEqualTo(200); // the larger of ffmpeg's 120 ms and the server's
            assertThat(ff.await(20)).as("ffmpeg exit; log:\n%s", ff.output()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.sessions().isEmpty());
            await().atMost(Duration.ofSeconds(3)).until(() -> sub.framesOf(1).size() >= 60);

            Track video = sub.lastTracks().stream().filter(t -> t.id() == 0).findFirst().orElseThrow();
            Track audio = sub.lastTracks().stream().filter(t -> t.id() == 1).findFirst().orElseThrow();
            assertThat(video.codec()).isEqualTo(Codec.H264);
            assertThat(video.parameters()).isInstanceOf(CodecParameters.H264Parameters.class);
            assertThat(audio.codec()).isEqualTo(Codec.AAC);
            assertThat(audio.clockRate()).isEqualTo(48_000);
            assertThat(((CodecParameters.AacParameters) audio.parameters()).audioSpecificConfig())
                    .containsExactly(0x11, 0x88); // AAC-LC, 48 kHz, mono

            List<Frame> v = sub.framesOf(0);
            List<Frame> a = sub.framesOf(1);
            // ffmpeg closes its SRT socket without lingering, so the last second or so still in flight (and the
            // audio its muxer holds back) may be lost by any receiver; the first 2 s of the 4 must be complete.
            assertThat(v).hasSizeBetween(60, 120);
            assertThat(within(v, 2 * 90_000)).isEqualTo(60); // 2 s at 30 fps
            assertThat(within(a, 2 * 48_000)).isBetween(93, 94); // 2 s of 1024-sample frames at 48 kHz
            assertThat(v.get(0).keyframe()).isTrue();
            assertThat(v.stream().filter(Frame::keyframe).count()).isBetween(2L, 4L); // -g 30
            assertThat(v.get(0).payload()).isInstanceOf(Payload.NalUnits.class);
            assertThat(a.get(0).payload()).isInstanceOf(Payload.AacFrame.class);
            assertMonotonicDts(v);
            assertMonotonicDts(a);
            // audio frames are exactly 1024 samples apart apart from the PES re-anchoring rounding
            assertThat(a.get(a.size() - 1).pts() - a.get(0).pts()).isBetween((a.size() - 1) * 1024L - 2,
                    (a.size() - 1) * 1024L + 2);
        }
    }

    @Test
    void srtLiveTransmitPublishesWithPerPathPassphrase() throws Exception {
        startServer(null, Map.of("live/slt", PASS));
        String cmd = "ffmpeg -hide_banner -loglevel warning -nostdin -re -f lavfi -i testsrc2=size=640x360:rate=30"
                + " -f lavfi -i sine=f=440:sample_rate=48000 -t 3 -c:v libx264 -preset veryfast -g 30 -c:a aac"
                + " -f mpegts - | exec srt-live-transmit -a no -q file://con 'srt://127.0.0.1:" + server.port()
                + "?streamid=#!::r=live/slt,m=publish&passphrase=" + PASS + "&pbkeylen=16&latency=120'";
        try (ExternalProcess slt = ExternalProcess.shell("slt", cmd)) {
            RecordingSubscriber sub = subscribeWhenLive("live/slt", slt);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().size() == 1);
            assertThat(server.sessions().get(0).encrypted()).isTrue();
            // srt-live-transmit keeps the connection open after its input ends: wait for the frames, not the exit.
            await().atMost(Duration.ofSeconds(15)).until(() -> sub.framesOf(0).size() >= 75);
            assertThat(sub.lastTracks()).extracting(Track::codec).containsExactlyInAnyOrder(Codec.H264, Codec.AAC);
            assertThat(within(sub.framesOf(0), 2 * 90_000)).isEqualTo(60);
            assertThat(within(sub.framesOf(1), 2 * 48_000)).isBetween(93, 94);
            assertMonotonicDts(sub.framesOf(0));
            assertMonotonicDts(sub.framesOf(1));
        }
    }

    @Test
    void wrongPassphraseIsRejectedAndServerKeepsServing() throws Exception {
        startServer(PASS, Map.of());
        try (ExternalProcess bad = ExternalProcess.shell("ffmpeg-badpass",
                ffmpeg("libx264", 2, url("#!::r=live/bad,m=publish", "&passphrase=wrongwrongwrong")))) {
            assertThat(bad.await(20)).as("ffmpeg must fail; log:\n%s", bad.output()).isNotZero();
            assertThat(bad.output()).contains("Incorrect passphrase"); // libsrt's text for SRT_REJ_BADSECRET
            assertThat(router.find("live/bad")).isEmpty();
        }
        try (ExternalProcess good = ExternalProcess.shell("ffmpeg-goodpass",
                ffmpeg("libx264", 2, url("#!::r=live/good,m=publish", "&passphrase=" + PASS)))) {
            RecordingSubscriber sub = subscribeWhenLive("live/good", good);
            assertThat(good.await(20)).as("log:\n%s", good.output()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> sub.framesOf(0).size() >= 30);
        }
    }

    @Test
    void secondPublisherOnSamePathIsRefused() throws Exception {
        startServer(null, Map.of());
        try (ExternalProcess first = ExternalProcess.shell("ffmpeg-first",
                ffmpeg("libx264", 4, url("#!::r=live/busy,m=publish", "")))) {
            RecordingSubscriber sub = subscribeWhenLive("live/busy", first);
            await().atMost(Duration.ofSeconds(5)).until(() -> !sub.framesOf(0).isEmpty());
            try (ExternalProcess second = ExternalProcess.shell("ffmpeg-second",
                    ffmpeg("libx264", 1, url("live/busy", "")))) {
                assertThat(second.await(15)).as("second publisher must fail; log:\n%s", second.output()).isNotZero();
                assertThat(second.output()).contains("Application-defined rejection reason");
            }
            int before = sub.framesOf(0).size();
            await().atMost(Duration.ofSeconds(3)).until(() -> sub.framesOf(0).size() > before + 10);
            assertThat(server.sessions()).hasSize(1);
            assertThat(server.sessions().get(0).streamId()).isEqualTo("#!::r=live/busy,m=publish");
        }
    }

    @Test
    void playRequestIsRejected() throws Exception {
        startServer(null, Map.of());
        try (ExternalProcess play = ExternalProcess.shell("ffmpeg-play", "exec ffmpeg -hide_banner -nostdin -i '"
                + "srt://127.0.0.1:" + server.port() + "?streamid=#!::r=live/test,m=request' -t 1 -f null -")) {
            assertThat(play.await(15)).isNotZero();
            assertThat(play.output()).contains("Application-defined rejection reason");
            assertThat(server.sessions()).isEmpty();
        }
    }

    @Test
    void accessHookRejectsAnUnknownStreamAndSetsAPerStreamPassphrase() throws Exception {
        SrtAccessHook hook = (id, remote) -> id.resource().equals("live/known")
                ? new SrtAccessHook.Access.Allow(PASS)
                : new SrtAccessHook.Access.Deny(io.livegate.srt.binding.SrtReject.NOTFOUND, "unknown stream");
        server = new SrtServer(SrtConfig.DEFAULTS.withBind("127.0.0.1", 0), router, hook);
        server.start();
        try (ExternalProcess unknown = ExternalProcess.shell("ffmpeg-unknown",
                ffmpeg("libx264", 1, url("live/unknown", "&passphrase=" + PASS)))) {
            assertThat(unknown.await(15)).isNotZero();
            assertThat(unknown.output()).contains("Application-defined rejection reason");
        }
        try (ExternalProcess known = ExternalProcess.shell("ffmpeg-known",
                ffmpeg("libx264", 2, url("live/known", "&passphrase=" + PASS)))) {
            RecordingSubscriber sub = subscribeWhenLive("live/known", known);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().size() == 1);
            assertThat(server.sessions().get(0).encrypted()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> sub.framesOf(0).size() >= 10);
        }
        assertThat(router.find("live/unknown")).isEmpty();
    }

    @Test
    void lossIsRecoveredWithinTheLatencyAndShowsInTheStatistics() throws Exception {
        startServer(null, Map.of());
        try (LossyUdpRelay relay = new LossyUdpRelay(server.port(), 0.05);
             ExternalProcess ff = ExternalProcess.shell("ffmpeg-lossy", ffmpeg("libx264", 4,
                     "srt://127.0.0.1:" + relay.port() + "?streamid=live/lossy&pkt_size=1316&latency=120000"))) {
            RecordingSubscriber sub = subscribeWhenLive("live/lossy", ff);
            await().atMost(Duration.ofSeconds(10)).until(() -> sub.framesOf(0).size() >= 75);
            SrtSessionInfo info = server.sessions().get(0);
            assertThat(relay.dropped.get()).isPositive();
            assertThat(info.packetsLost()).isPositive(); // read from SRT_TRACEBSTATS: checks the struct offsets
            assertThat(info.packetsRetransmitted()).isPositive();
            assertThat(info.packetsDropped()).isZero();
            assertThat(info.continuityErrors()).isZero();
            assertThat(within(sub.framesOf(0), 2 * 90_000)).isEqualTo(60);
        }
    }

    @Test
    void ffmpegPublishesH265() throws Exception {
        startServer(null, Map.of());
        try (ExternalProcess ff = ExternalProcess.shell("ffmpeg-h265",
                ffmpeg("libx265 -x265-params log-level=error", 4, url("publish:live/hevc", "")))) {
            RecordingSubscriber sub = subscribeWhenLive("live/hevc", ff);
            assertThat(ff.await(30)).as("log:\n%s", ff.output()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> sub.framesOf(0).size() >= 50);
            assertThat(within(sub.framesOf(0), 2 * 90_000)).isEqualTo(60);
            Track video = sub.lastTracks().stream().filter(t -> t.id() == 0).findFirst().orElseThrow();
            assertThat(video.codec()).isEqualTo(Codec.H265);
            CodecParameters.H265Parameters p = (CodecParameters.H265Parameters) video.parameters();
            assertThat(p.vps()).hasSize(1);
            assertThat(p.sps()).hasSize(1);
            assertThat(p.pps()).hasSize(1);
            assertThat(sub.framesOf(0).get(0).keyframe()).isTrue();
            assertMonotonicDts(sub.framesOf(0));
        }
    }

    @Test
    void badPublishersAreClosedWhileAGoodOneKeepsPlaying() throws Exception {
        startServer(null, Map.of());
        try (ExternalProcess good = ExternalProcess.shell("ffmpeg-good",
                ffmpeg("libx264", 5, url("#!::r=live/good,m=publish", "")))) {
            RecordingSubscriber sub = subscribeWhenLive("live/good", good);
            await().atMost(Duration.ofSeconds(5)).until(() -> sub.framesOf(0).size() > 5);

            // 1. not MPEG-TS at all: random bytes are refused after the resync limit, only that session closes
            // Fed over ~2 s: srt-live-transmit drops what it reads before its connection is up, and on a loaded
            // machine a one-shot input can be gone by then (the session then sits there with 0 bytes).
            try (ExternalProcess garbage = ExternalProcess.shell("slt-garbage", "for i in $(seq 40); do "
                    + "head -c 10000 /dev/urandom; sleep 0.05; done | exec srt-live-transmit -a no -q file://con "
                    + "'srt://127.0.0.1:" + server.port() + "?streamid=live/garbage'")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> router.find("live/garbage").isPresent());
                await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().stream()
                        .noneMatch(i -> i.path().equals("live/garbage")));
            }
            // 2. no stream id: rejected in the handshake
            try (ExternalProcess anonymous = ExternalProcess.shell("ffmpeg-nostreamid",
                    ffmpeg("libx264", 1, "srt://127.0.0.1:" + server.port() + "?pkt_size=1316"))) {
                assertThat(anonymous.await(15)).isNotZero();
                assertThat(anonymous.output()).contains("Application-defined rejection reason");
            }
            int before = sub.framesOf(0).size();
            await().atMost(Duration.ofSeconds(3)).until(() -> sub.framesOf(0).size() > before + 10);
            SrtSessionInfo info = server.sessions().get(0);
            assertThat(info.path()).isEqualTo("live/good");
            assertThat(info.bytesIn()).isPositive();
            assertThat(info.framesIn()).isPositive();
            assertThat(info.bitrate()).isPositive();
            assertThat(info.continuityErrors()).isZero();
            assertThat(info.started()).isBefore(java.time.Instant.now());
            SrtCounters counters = server.counters();
            assertThat(counters.sessionsAccepted()).isEqualTo(2);
            assertThat(counters.endsByReason()).containsEntry("NO_SYNC", 1L);
            assertThat(counters.rejectsByCode()).containsEntry(1400, 1L);
            assertThat(counters.bytesIn()).isGreaterThan(info.bytesIn());
        }
    }
}
