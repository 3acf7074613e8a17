package io.livegate.hls;

import io.livegate.testing.Commands;
import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.router.PublishHook;
import io.livegate.router.RouterConfig;
import io.livegate.router.StreamRouter;
import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * hls.js 1.7.4 in headless Chromium plays the LL-HLS stream with lowLatencyMode: frames are shown and (renderer load aside) none dropped,
 * no errors, parts are loaded with blocking reload. Installs its npm packages under target/ on first use.
 */
@Tag("e2e")
class HlsJsE2eTest {

    private static final Logger LOG = LoggerFactory.getLogger(HlsJsE2eTest.class);
    private static final Path JS = Path.of("target", "hlsjs");

    @TempDir
    Path dir;

    private StreamRouter router;
    private EventLoopGroup group;
    private HlsEgress egress;
    private TestHttpServer server;
    private Process node;

    @BeforeEach
    void setUp() throws Exception {
        router = new StreamRouter(new RouterConfig(Duration.ofSeconds(5), false,
                RouterConfig.DEFAULT_GOP_CACHE_MAX_FRAMES, RouterConfig.DEFAULT_GOP_CACHE_MAX_BYTES,
                Duration.ofMillis(500), Duration.ofSeconds(10)), PublishHook.ALLOW_ALL);
        group = TestHttpServer.newGroup(2);
        egress = new HlsEgress(HlsConfig.DEFAULTS, router, group);
        server = new TestHttpServer(group, egress.handler());
        installPlayer();
    }

    @AfterEach
    void tearDown() {
        if (node != null) {
            node.destroyForcibly();
        }
        server.close();
        egress.close();
        router.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static synchronized void installPlayer() throws Exception {
        Files.createDirectories(JS);
        for (String f : List.of("package.json", "hls-check.mjs")) {
            Files.copy(Path.of(System.getProperty("livegate.repo.root"), "test-clients", "hlsjs", f), JS.resolve(f),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(JS.resolve("node_modules/hls.js")) || !Files.isDirectory(
                JS.resolve("node_modules/playwright-core"))) {
            Commands.run(JS, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
        }
    }

    @Test
    void playsLowLatencyWithoutDroppedFrames() throws Exception {
        play("plain", 0, 48_000);
    }

    @Test
    void playsBFramesAnd44kAudioWithoutDroppedFrames() throws Exception {
        play("bframes", 2, 44_100);
    }

    @Test
    void playsOpusAudioAsWhipSendsIt() throws Exception {
        play("opus", MediaFixture.make(dir, "opus", 14, 0, 48_000).withOpusAudio(dir, 14));
    }

    private void play(String name, int bframes, int sampleRate) throws Exception {
        // Longer than the player runs (7 s after a browser start): the stream is live throughout.
        play(name, MediaFixture.make(dir, name, 14, bframes, sampleRate));
    }

    private void play(String name, MediaFixture media) throws Exception {
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            try {
                media.publish(router, "live/js", true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1200); // the first segment exists: the player starts at once
        node = new ProcessBuilder("node", "hls-check.mjs", server.url("/live/js/index.m3u8"), "7")
                .directory(JS.toFile()).redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        publishing.get(30, TimeUnit.SECONDS);
        LOG.info("hls.js {}:\n{}", name, out);
        assertThat(node.exitValue()).as(out).isZero();
        String summary = out.lines().filter(l -> l.startsWith("{\"summary\"")).findFirst().orElseThrow(
                () -> new AssertionError("no summary: " + out));
        assertThat(number(summary, "total")).as(summary).isGreaterThan(60);
        // Dropped frames measure the renderer's CPU, not the stream: on a quiet machine this is 0 (see README),
        // on a loaded 2-core box up to ~5 % went; a broken stream drops far more or stalls.
        assertThat(number(summary, "dropped")).as(summary).isLessThanOrEqualTo(number(summary, "total") / 10);
        assertThat(number(summary, "parts")).as(summary).isPositive();
        assertThat(number(summary, "width")).isEqualTo(320);
        assertThat(number(summary, "audioTracks")).isEqualTo(1);
        assertThat(summary).contains("\"canBlockReload\":true", "\"partTarget\":0.2")
                .doesNotContain("\"fatal\":true", "networkError");
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + key + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }
}
