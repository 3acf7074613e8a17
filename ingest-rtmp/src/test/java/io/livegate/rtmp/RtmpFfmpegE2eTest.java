package io.livegate.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livegate.codec.CodecStrings;
import io.livegate.codec.VideoInfo;
import io.livegate.codec.h264.H264Sps;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters.AacParameters;
import io.livegate.media.CodecParameters.H264Parameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.StreamRouter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real ffmpeg publishes to the server on 127.0.0.1; a subscriber on the router checks what arrives. */
@Tag("e2e")
class RtmpFfmpegE2eTest {

    private EventLoopGroup group;
    private ExecutorService executor;
    private StreamRouter router;
    private SubscribingRegistry registry;
    private RtmpServer server;

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        executor = Executors.newSingleThreadExecutor();
        router = new StreamRouter();
        registry = new SubscribingRegistry(router, executor);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
        router.close();
        executor.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void start(RtmpConfig config) {
        server = new RtmpServer(config.withPorts(0, 0).withLimits(config.limits()), registry, group);
        server.start();
    }

    @ParameterizedTest(name = "{0} bf={1} aac {2} Hz x{3}")
    @CsvSource({
        "baseline, 0, 44100, 1",
        "main, 2, 48000, 2",
        "high, 3, 48000, 1",
        "high, 0, 44100, 2"})
    void publishesH264AndAac(String profile, int bFrames, int sampleRate, int channels) throws Exception {
        start(RtmpConfig.DEFAULTS);
        String url = "rtmp://127.0.0.1:" + server.port() + "/live/cam1?key=abc";
        runAndCheck(url, profile, bFrames, sampleRate, channels, "rtmp", false);
    }

    @Test
    void publishesOverRtmps(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
        start(RtmpConfig.DEFAULTS.withTls(cert, key));
        assertThat(server.tlsPort()).isPositive().isNotEqualTo(server.port());
        String url = "rtmps://127.0.0.1:" + server.tlsPort() + "/live/cam1?key=abc";
        // in real time, so the session's live rates can be checked
        runAndCheck(url, "high", 2, 48000, 2, "rtmps", true);
    }

    @Test
    void reconnectWithinGracePeriodKeepsTheSubscriber() throws Exception {
        start(RtmpConfig.DEFAULTS);
        String url = "rtmp://127.0.0.1:" + server.port() + "/live/again";
        List<String> video = List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-bf", "0");
        List<String> audio = List.of("-c:a", "aac");
        for (int run = 0; run < 2; run++) {
            try (Ffmpeg ff = Ffmpeg.publish(url, 1, false, video, audio, 48000, List.of())) {
                assertThat(ff.await(30)).as(ff.output()).isZero();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.sessions().isEmpty());
        }
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
        RecordingSubscriber sub = registry.subscribers.get("live/again");
        assertThat(sub.endReason).as("still subscribed").isNull();
        List<Frame> vf = sub.frames(0);
        assertThat(vf).hasSize(60);
        assertThat(vf.get(30).keyframe()).isTrue();
        for (int i = 1; i < vf.size(); i++) {
            assertThat(vf.get(i).dts()).isGreaterThan(vf.get(i - 1).dts());
        }
        assertThat(sub.frames(1)).hasSizeGreaterThan(80);
    }

    /**
     * ffmpeg validates the server's digest (S1) and signature (S2) only when it plays, so let it try to play:
     * it must get past the handshake to the refusal of playback.
     */
    @Test
    void ffmpegAcceptsTheDigestHandshake(@TempDir Path dir) throws Exception {
        start(RtmpConfig.DEFAULTS);
        Path log = dir.resolve("play.log");
        Process p = new ProcessBuilder(Ffmpeg.BIN, "-hide_banner", "-nostdin", "-loglevel", "debug", "-i",
                "rtmp://127.0.0.1:" + server.port() + "/live/none", "-t", "1", "-f", "null", "-")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(out).as(out).doesNotContain("validating failed").doesNotContain("Cannot read RTMP handshake")
                .contains("Server error: playback over RTMP is not offered");
        assertThat(p.exitValue()).isNotZero();
    }

    private void runAndCheck(String url, String profile, int bFrames, int sampleRate, int channels, String protocol,
                             boolean realtime) throws Exception {
        List<String> video = List.of("-c:v", "libx264", "-preset", "veryfast", "-profile:v", profile, "-g", "30",
                "-bf", Integer.toString(bFrames), "-pix_fmt", "yuv420p");
        List<String> audio = List.of("-c:a", "aac", "-ac", Integer.toString(channels), "-ar",
                Integer.toString(sampleRate));
        List<RtmpSessionInfo> seen = new ArrayList<>();
        try (Ffmpeg ff = Ffmpeg.publish(url, 2, realtime, video, audio, sampleRate, List.of())) {
            while (ff.process.isAlive()) {
                seen.addAll(server.sessions());
                Thread.sleep(20);
            }
            assertThat(ff.await(30)).as(ff.output()).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.sessions().isEmpty());
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS); // drain deliveries

        RecordingSubscriber sub = registry.subscribers.get("live/cam1");
        assertThat(sub).as("subscriber attached at publish").isNotNull();
        assertThat(seen).anySatisfy(s -> {
            assertThat(s.path()).isEqualTo("live/cam1");
            assertThat(s.protocol()).isEqualTo(protocol);
            assertThat(s.remoteAddress()).startsWith("127.0.0.1:");
            assertThat(s.flashVer()).startsWith("FMLE/3.0");
            assertThat(s.bytesIn()).isPositive();
        });

        Track v = sub.track(0);
        assertThat(v.codec()).isEqualTo(Codec.H264);
        assertThat(v.clockRate()).isEqualTo(90_000);
        H264Sps sps = H264Sps.parse(((H264Parameters) v.parameters()).sps().get(0));
        assertThat(sps.width()).isEqualTo(640);
        assertThat(sps.height()).isEqualTo(360);
        assertThat(sps.profileIdc()).isEqualTo(switch (profile) {
            case "baseline" -> 66;
            case "main" -> 77;
            default -> 100;
        });
        // what the gateway's API shows, from the codec package
        VideoInfo info = VideoInfo.of(v);
        assertThat(info.width()).isEqualTo(640);
        assertThat(info.height()).isEqualTo(360);
        assertThat(info.frameRate()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(info.mayReorder()).as("B-frame flag").isEqualTo(bFrames > 0);
        assertThat(CodecStrings.of(v)).startsWith("avc1.");
        assertThat(CodecStrings.of(sub.track(1))).isEqualTo("mp4a.40.2");
        if (realtime) {
            // a keyframe every 30 frames at 30 fps (from FLV timestamps); rates measured once a second has passed
            RtmpSessionInfo last = seen.get(seen.size() - 1);
            assertThat(last.keyframeIntervalSeconds()).isEqualTo(1.0);
            assertThat(seen).anySatisfy(s -> assertThat(s.frameRate()).isPositive());
            assertThat(seen).anySatisfy(s -> assertThat(s.bitrate()).isPositive());
            assertThat(last.encoder()).startsWith("Lavf");
        }

        Track a = sub.track(1);
        assertThat(a.codec()).isEqualTo(Codec.AAC);
        assertThat(a.clockRate()).isEqualTo(sampleRate);
        byte[] asc = ((AacParameters) a.parameters()).audioSpecificConfig();
        assertThat((asc[1] >> 3) & 0x0F).as("channel configuration").isEqualTo(channels);

        List<Frame> vf = sub.frames(0);
        assertThat(vf).hasSize(60);
        assertThat(vf.get(0).keyframe()).isTrue();
        assertThat(vf.stream().filter(Frame::keyframe).count()).isEqualTo(2);
        boolean reordered = false;
        for (int i = 0; i < vf.size(); i++) {
            Frame f = vf.get(i);
            assertThat(f.payload()).isInstanceOf(Payload.NalUnits.class);
            assertThat(f.pts()).isGreaterThanOrEqualTo(f.dts());
            if (i > 0) {
                assertThat(f.dts()).isGreaterThan(vf.get(i - 1).dts());
            }
            reordered |= f.pts() != f.dts();
        }
        assertThat(reordered).as("B-frames reorder").isEqualTo(bFrames > 0);
        // 60 frames at 30 fps: the last starts 59/30 s after the first (FLV rounds to ms).
        assertThat(vf.get(59).dts() - vf.get(0).dts()).isBetween(177_030L - 180, 177_030L + 180);
        // Presentation order covers every frame slot once: sorted pts are 1/30 s apart.
        List<Long> pts = vf.stream().map(Frame::pts).sorted().toList();
        for (int i = 1; i < pts.size(); i++) {
            assertThat(pts.get(i) - pts.get(i - 1)).isBetween(2_900L, 3_100L);
        }

        List<Frame> af = sub.frames(1);
        double expected = 2.0 * sampleRate / 1024;
        assertThat((double) af.size()).isBetween(expected - 2, expected + 3);
        for (int i = 1; i < af.size(); i++) {
            assertThat(af.get(i).dts()).isGreaterThan(af.get(i - 1).dts());
            assertThat(af.get(i).payload()).isInstanceOf(Payload.AacFrame.class);
        }
        double audioSeconds = (af.get(af.size() - 1).dts() - af.get(0).dts()) / (double) sampleRate;
        assertThat(audioSeconds).isBetween(1.9, 2.1);
    }
}
