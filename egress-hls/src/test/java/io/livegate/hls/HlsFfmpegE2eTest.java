package io.livegate.hls;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.router.RouterConfig;
import io.livegate.router.StreamRouter;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ffmpeg publishes (through a file fixture) and ffmpeg plays: every frame of the LL and the classic playlists
 * decodes without errors, for H.264 with and without B-frames and AAC at 48 and 44.1 kHz.
 */
@Tag("e2e")
class HlsFfmpegE2eTest {

    @TempDir
    Path dir;

    private StreamRouter router;
    private EventLoopGroup group;
    private HlsEgress egress;
    private TestHttpServer server;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() throws Exception {
        router = new StreamRouter(new RouterConfig(Duration.ZERO, false, RouterConfig.DEFAULT_GOP_CACHE_MAX_FRAMES,
                RouterConfig.DEFAULT_GOP_CACHE_MAX_BYTES, Duration.ofMillis(500), Duration.ofSeconds(10)),
                io.livegate.router.PublishHook.ALLOW_ALL);
        group = TestHttpServer.newGroup(2);
    }

    private void start(HlsConfig config) throws Exception {
        egress = new HlsEgress(config, router, group);
        server = new TestHttpServer(group, egress.handler());
    }

    @AfterEach
    void tearDown() {
        processes.forEach(Process::destroyForcibly);
        if (server != null) {
            server.close();
            egress.close();
        }
        router.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void lowLatencyPlaylistDecodesWithoutErrors() throws Exception {
        MediaFixture media = MediaFixture.make(dir, "plain", 4, 0, 48_000);
        start(HlsConfig.DEFAULTS);
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(media, "live/x"));
        String index = get("/live/x/index.m3u8");
        assertThat(index).contains("#EXT-X-STREAM-INF:", "CODECS=\"avc1.42c0", "mp4a.40.2", "RESOLUTION=320x180",
                "#EXT-X-MEDIA:TYPE=AUDIO", "AUDIO=\"audio\"");
        String video = get("/live/x/video.m3u8");
        assertThat(video).contains("#EXT-X-PART-INF:PART-TARGET=0.200", "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES",
                "#EXT-X-PART:", "INDEPENDENT=YES", "#EXT-X-PRELOAD-HINT:TYPE=PART", "#EXT-X-PROGRAM-DATE-TIME:",
                "#EXT-X-RENDITION-REPORT:URI=\"audio.m3u8\"", "#EXT-X-MAP:URI=");
        Process ffmpeg = ffmpeg("/live/x/index.m3u8");
        publishing.get(30, TimeUnit.SECONDS);
        FfmpegResult r = finish(ffmpeg);
        assertThat(r.errors()).isEmpty();
        // Live start is a few parts behind the edge; what is read must all decode.
        assertThat(r.videoFrames()).isGreaterThan(30);
        assertThat(r.audioFrames()).isGreaterThan(30);
        assertThat(get("/live/x/video.m3u8")).contains("#EXT-X-ENDLIST");
    }

    @Test
    void classicPlaylistWithBFramesAnd44kDecodesEveryFrame() throws Exception {
        MediaFixture media = MediaFixture.make(dir, "bframes", 4, 2, 44_100);
        start(HlsConfig.DEFAULTS.withLazyStart(false));
        publish(media, "live/b");
        // The stream ended: the whole window is there with EXT-X-ENDLIST, so ffmpeg reads it all.
        String classic = get("/live/b/video_classic.m3u8");
        assertThat(classic).contains("#EXT-X-ENDLIST").doesNotContain("#EXT-X-PART");
        FfmpegResult r = finish(ffmpeg("/live/b/classic.m3u8"));
        assertThat(r.errors()).isEmpty();
        long videoFrames = media.frames.stream().filter(f -> f.trackId() == 0).count();
        long audioFrames = media.frames.stream().filter(f -> f.trackId() == 1).count();
        assertThat(r.videoFrames()).isEqualTo(videoFrames);
        // The muxer starts audio at the first video keyframe: at most a frame or two of audio fall before it.
        assertThat(r.audioFrames()).isBetween(audioFrames - 3, audioFrames);
    }

    private void publish(MediaFixture media, String path) {
        try {
            media.publish(router, path, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    private Process ffmpeg(String path) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostats", "-loglevel", "error",
                "-i", server.url(path), "-map", "0:v", "-f", "framecrc", dir.resolve("video.crc").toString(),
                "-map", "0:a", "-f", "framecrc", dir.resolve("audio.crc").toString())
                .redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    record FfmpegResult(List<String> errors, long videoFrames, long audioFrames) {
    }

    private FfmpegResult finish(Process p) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> errors = out.lines()
                .filter(l -> !l.isBlank() && !l.contains("Found duplicated MOOV Atom"))
                .toList();
        assertThat(p.exitValue()).as("ffmpeg exit, output: " + out).isZero();
        return new FfmpegResult(errors, frames(dir.resolve("video.crc")), frames(dir.resolve("audio.crc")));
    }

    private static long frames(Path crc) throws Exception {
        return java.nio.file.Files.readAllLines(crc).stream().filter(l -> !l.startsWith("#")).count();
    }
}
