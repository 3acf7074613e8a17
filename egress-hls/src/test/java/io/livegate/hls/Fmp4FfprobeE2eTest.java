package io.livegate.hls;

import io.livegate.testing.Commands;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livegate.router.PublishHook;
import io.livegate.router.RouterConfig;
import io.livegate.router.StreamRouter;
import io.netty.channel.EventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check of the fMP4 writer by ffprobe/ffmpeg: the init segment and every segment of a rendition, written
 * back to back into one file, form a fragmented MP4 in which every published frame is found and decodes.
 */
@Tag("e2e")
class Fmp4FfprobeE2eTest {

    @TempDir
    Path dir;

    private StreamRouter router;
    private EventLoopGroup group;
    private HlsEgress egress;
    private TestHttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws Exception {
        router = new StreamRouter(new RouterConfig(Duration.ZERO, false, RouterConfig.DEFAULT_GOP_CACHE_MAX_FRAMES,
                RouterConfig.DEFAULT_GOP_CACHE_MAX_BYTES, Duration.ofMillis(500), Duration.ofSeconds(10)),
                PublishHook.ALLOW_ALL);
        group = TestHttpServer.newGroup(2);
        egress = new HlsEgress(HlsConfig.DEFAULTS, router, group);
        server = new TestHttpServer(group, egress.handler());
    }

    @AfterEach
    void tearDown() {
        server.close();
        egress.close();
        router.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void h264WithBFramesReadsBackFrameForFrame() throws Exception {
        check(MediaFixture.make(dir, "avc", 3, 2, 48_000, false), "h264");
    }

    @Test
    void h265ReadsBackFrameForFrame() throws Exception {
        check(MediaFixture.make(dir, "hevc", 3, 0, 48_000, true), "hevc");
    }

    @Test
    void opusAudioReadsBackFrameForFrame() throws Exception {
        MediaFixture media = MediaFixture.make(dir, "avc", 3, 0, 48_000, false).withOpusAudio(dir, 3);
        check(media, "h264", "opus");
    }

    @Test
    void vp9ReadsBackFrameForFrame() throws Exception {
        check(MediaFixture.ivf(dir, "vp9", 3, false), "vp9");
    }

    @Test
    void av1ReadsBackFrameForFrame() throws Exception {
        check(MediaFixture.ivf(dir, "av1", 2, true), "av1");
    }

    private void check(MediaFixture media, String codec) throws Exception {
        check(media, codec, "aac");
    }

    private void check(MediaFixture media, String codec, String audioCodec) throws Exception {
        CompletableFuture<HttpResponse<String>> index = new CompletableFuture<>();
        media.publish(router, "live/f", false, () -> {
            // The first request starts the muxer before any frame is written, so it sees them all.
            index.completeAsync(() -> get("/live/f/index.m3u8"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !egress.streams().isEmpty());
        });
        assertThat(index.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/live/f/video.m3u8").body().contains("#EXT-X-ENDLIST"));
        for (String rendition : media.audio == null ? List.of("video") : List.of("video", "audio")) {
            String playlist = get("/live/f/" + rendition + "_classic.m3u8").body();
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            Matcher map = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"").matcher(playlist);
            assertThat(map.find()).isTrue();
            file.write(bytes("/live/f/" + map.group(1)));
            Matcher seg = Pattern.compile("(?m)^(" + rendition + "_[0-9a-z]+_s\\d+\\.m4s)$").matcher(playlist);
            while (seg.find()) {
                file.write(bytes("/live/f/" + seg.group(1)));
            }
            Path out = dir.resolve(rendition + ".mp4");
            Files.write(out, file.toByteArray());
            long expected = media.frames.stream().filter(f -> f.trackId() == (rendition.equals("video") ? 0 : 1))
                    .count();
            String probe = Commands.run(dir, List.of("ffprobe", "-v", "error", "-count_frames",
                    "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", out.toString())).trim();
            String[] f = probe.split(",");
            assertThat(f[0]).isEqualTo(rendition.equals("video") ? codec : audioCodec);
            if (rendition.equals("video")) {
                assertThat(Long.parseLong(f[1])).as(playlist).isEqualTo(expected);
            } else {
                // Audio starts at the first video keyframe: at most a frame or two of audio fall before it.
                assertThat(Long.parseLong(f[1])).isBetween(expected - 3, expected);
            }
            String decode = Commands.run(dir, List.of("ffmpeg", "-v", "error", "-i", out.toString(), "-f", "null",
                    "-"));
            assertThat(decode.lines().filter(l -> !l.isBlank())).isEmpty();
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(15))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] bytes(String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }
}
