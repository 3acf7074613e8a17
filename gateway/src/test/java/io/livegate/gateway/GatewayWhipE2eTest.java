package io.livegate.gateway;

import static io.livegate.gateway.NamespacedGateway.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livegate.testing.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole gateway ({@code LiveGate} main on its default ports) inside a network namespace that holds only
 * {@code lo}: headless Chromium publishes its fake camera (H.264) and microphone (Opus) over WHIP, a second
 * Chromium plays the stream over WHEP (video decoded, Opus passed through untouched: no transcoder for this
 * stream), and HLS serves it as H.264 + Opus in fMP4. The API shows the WHIP publisher. Needs root (ip netns),
 * node, curl and /usr/bin/chromium.
 */
@Tag("e2e")
class GatewayWhipE2eTest {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayWhipE2eTest.class);
    private static final Path WHEP_JS = Path.of("target", "whepjs");
    private static final Path WHIP_JS = Path.of("target", "whipjs");
    private static final String PATH = "live/whip";

    @TempDir
    Path dir;

    private NamespacedGateway gw;

    @BeforeEach
    void setUp() throws Exception {
        Netns.installNodeClient(WHEP_JS, NamespacedGateway.repoRoot().resolve("test-clients/whep"),
                "package.json", "whep-check.mjs");
        Netns.installNodeClient(WHIP_JS, NamespacedGateway.repoRoot().resolve("ingest-whip/src/test/js"),
                "package.json", "whip-check.mjs");
        gw = new NamespacedGateway("lg-gwwhip", dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        gw.close();
    }

    private String curl(String url) throws Exception {
        return gw.curl(url, 3);
    }

    private String curl(String url, int seconds) throws Exception {
        return gw.curl(url, seconds);
    }

    private JsonNode api() throws Exception {
        return gw.api(PATH);
    }

    @Test
    void chromiumPublishesOverWhipAndTheStreamPlaysOverWhepAndHls() throws Exception {
        gw.startGateway();
        Process publisher = gw.start("whip.log", List.of("node",
                WHIP_JS.resolve("whip-check.mjs").toAbsolutePath().toString(), "http://127.0.0.1:8080", PATH, "18",
                "640", "360"));
        gw.waitFor(() -> {
            JsonNode s = api();
            return s != null && s.path("tracks").size() == 2 && s.at("/tracks/0/keyframes").asLong() >= 1
                    && s.at("/tracks/1/frames").asLong() > 0;
        }, PATH + " published over WHIP");
        JsonNode published = api();
        LOG.info("API after publish: {}", published);
        assertThat(published.at("/publisher/protocol").asText()).isEqualTo("whip");
        assertThat(published.at("/publisher/whip/video_codec").asText()).startsWith("H264");
        assertThat(published.at("/publisher/whip/audio_codec").asText()).isEqualTo("opus");
        assertThat(published.at("/tracks/0/codec").asText()).isEqualTo("h264");
        assertThat(published.at("/tracks/0/width").asInt()).isEqualTo(640);
        assertThat(published.at("/tracks/0/height").asInt()).isEqualTo(360);
        assertThat(published.at("/tracks/1/codec").asText()).isEqualTo("opus");
        String metrics = curl("http://127.0.0.1:8080/metrics");
        assertThat(metrics).containsPattern("livegate_publisher_receive_bitrate\\w*\\{[^}]*protocol=\"whip\"")
                .contains("livegate_whip_packets_lost");

        // The first HLS request starts the packager (lazy start) and waits for its first segment.
        CompletableFuture<String> master = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        String m = "";
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                        while (System.nanoTime() < deadline && !m.endsWith("200")) {
                            m = curl("http://127.0.0.1:8080/" + PATH + "/index.m3u8", 12);
                        }
                        return m;
                    } catch (Exception e) {
                        return e.toString();
                    }
                });
        Process viewer = gw.start("whep.log", List.of("node",
                WHEP_JS.resolve("whep-check.mjs").toAbsolutePath().toString(), "http://127.0.0.1:8080", PATH, "7"));
        Thread.sleep(4000);
        JsonNode during = api();
        assertThat(viewer.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("whep.log"));
        String masterPlaylist = master.get(30, TimeUnit.SECONDS);
        String media = masterPlaylist.lines().filter(l -> !l.startsWith("#") && l.endsWith(".m3u8")).findFirst()
                .orElse("video.m3u8");
        String hls = curl("http://127.0.0.1:8080/" + PATH + "/" + media, 5);
        LOG.info("WHEP viewer:\n{}\nAPI during playback: {}\nHLS master:\n{}\nHLS media:\n{}", out.lines()
                .filter(l -> l.startsWith("{")).reduce("", (a, b) -> a + b + "\n"), during, masterPlaylist, hls);
        String summary = out.lines().filter(l -> l.startsWith("{\"summary\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no WHEP summary:\n" + out + "\ngateway:\n" + gw.gatewayLog()));
        assertThat(number(summary, "status")).as(summary).isEqualTo(201);
        assertThat(number(summary, "framesDecoded")).as(summary).isGreaterThan(60);
        assertThat(number(summary, "width")).as(summary).isEqualTo(640);
        assertThat(number(summary, "height")).as(summary).isEqualTo(360);
        // Audio flows from the start: the viewer plays 7 s and has received ~6.3 s of 48 kHz audio when healthy;
        // 4 s leaves room for a slow join on a loaded machine but not for audio that starts late.
        assertThat(number(summary, "audioSamples")).as("Opus audio reached the viewer: %s", summary)
                .isGreaterThan(4 * 48_000);
        assertThat(during.at("/whep/viewers").asInt()).as("API during playback: %s", during).isEqualTo(1);
        assertThat(during.at("/whep/sessions/0/audio_codec").asText().toLowerCase()).isEqualTo("opus");
        assertThat(during.has("transcode")).as("Opus passes through: no transcoder for %s", during).isFalse();
        assertThat(during.at("/publisher/whip/frames_in").asLong()).isPositive();

        assertThat(masterPlaylist).as("HLS master playlist").endsWith("200").contains("avc1.", "opus");
        assertThat(hls).as("HLS media playlist").endsWith("200").contains("#EXT-X-MAP", "#EXT-X-PART");

        assertThat(publisher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String whip = Files.readString(dir.resolve("whip.log"));
        LOG.info("WHIP publisher:\n{}", whip.lines().filter(l -> l.startsWith("{")).reduce("", (a, b) -> a + b + "\n"));
        String whipSummary = whip.lines().filter(l -> l.startsWith("{\"summary\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no WHIP summary:\n" + whip));
        assertThat(number(whipSummary, "deleteStatus")).isEqualTo(200);
        gw.waitFor(() -> {
            JsonNode s = api();
            return s == null || !s.at("/state").asText().equals("live");
        }, "the stream to end after DELETE");
        assertThat(gw.gatewayLog()).contains("whip session end", "deleted by the client").doesNotContain("Exception");
    }
}
