package io.livegate.gateway.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livegate.gateway.NamespacedGateway;
import io.livegate.testing.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in pages used as a person would, in headless Chromium against the whole gateway inside a loopback-only
 * network namespace: the broadcast page publishes the fake camera and microphone over WHIP (H.264 + Opus), the
 * watch page plays it over WHEP with sound, the index lists it, the watch page rides out the publisher stopping and
 * starting again, leaving the watch page ends its session and Stop ends the stream. Needs root (ip netns), node, curl and /usr/bin/chromium.
 */
@Tag("e2e")
class PagesE2eTest {

    private static final Logger LOG = LoggerFactory.getLogger(PagesE2eTest.class);
    private static final Path JS = Path.of("target", "pagesjs");
    private static final String PATH = "live/pages";

    @TempDir
    Path dir;

    private NamespacedGateway gw;

    @BeforeEach
    void setUp() throws Exception {
        Netns.installNodeClient(JS, NamespacedGateway.repoRoot()
                .resolve("gateway/src/test/resources/io/livegate/gateway/pages"), "package.json", "pages-check.mjs");
        gw = new NamespacedGateway("lg-pages", dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        gw.close();
    }

    @Test
    void broadcastFromOnePageWatchOnAnotherFindItOnTheIndexThenStop() throws Exception {
        gw.startGateway();
        assertThat(gw.curl(NamespacedGateway.ORIGIN + "/", 3)).contains("/pages/index.js").endsWith("200");
        Process check = gw.start("pages.log", List.of("node", JS.resolve("pages-check.mjs").toAbsolutePath().toString(),
                NamespacedGateway.ORIGIN, PATH));
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).as("pages-check finished").isTrue();
        String out = Files.readString(dir.resolve("pages.log"));
        LOG.info("pages-check:\n{}", out.lines().filter(l -> l.startsWith("{")).reduce("", (a, b) -> a + b + "\n"));
        String line = out.lines().filter(l -> l.startsWith("{\"summary\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary:\n" + out + "\ngateway:\n" + gw.gatewayLog()));
        JsonNode s = new ObjectMapper().readTree(line).get("summary");
        assertThat(s.has("error")).as("pages-check failed: %s\n%s\ngateway:\n%s", s, out, gw.gatewayLog()).isFalse();
        assertThat(check.exitValue()).isZero();

        // Broadcast: WHIP publisher with H.264 video at the chosen preset and Opus audio.
        assertThat(s.at("/api/protocol").asText()).isEqualTo("whip");
        assertThat(s.at("/api/codecs").toString()).isEqualTo("[\"h264\",\"opus\"]");
        assertThat(s.at("/api/whipVideo").asText()).startsWith("H264");
        assertThat(s.at("/api/whipAudio").asText()).isEqualTo("opus");
        assertThat(s.at("/api/width").asInt()).isPositive().isLessThanOrEqualTo(640);
        assertThat(s.at("/broadcastStats").asText()).contains("Resolution", "Bitrate", "Limited by", "H264");

        // Watch: picture of a known size, frames decoded, sound arriving, muted until asked.
        assertThat(s.at("/watch/width").asInt()).isPositive();
        assertThat(s.at("/watch/height").asInt()).isPositive();
        assertThat(s.at("/watch/framesIn2s").asInt()).as("%s", s.get("watch")).isGreaterThan(10);
        assertThat(s.at("/watch/advancedSeconds").asDouble()).as("%s", s.get("watch")).isGreaterThan(1.0);
        assertThat(s.at("/watch/paused").asBoolean()).isFalse();
        assertThat(s.at("/watch/muted").asBoolean()).as("autoplay starts muted").isTrue();
        assertThat(s.at("/watch/mutedAfterUnmute").asBoolean()).isFalse();
        assertThat(s.at("/watch/audioSamples").asLong()).as("Opus audio reached the viewer").isPositive();
        assertThat(s.at("/watch/whepViewers").asInt()).isEqualTo(1);
        assertThat(s.at("/watch/statsOverlay").asText()).contains("Resolution", "Frame rate", "Bitrate", "RTT",
                "Jitter", "Packets lost", "H264", "opus");
        assertThat(s.at("/watch/status").asText()).isEqualTo("Live");

        // Index: the stream is listed, linking to its watch page.
        assertThat(s.at("/index/watchHref").asText()).isEqualTo("/watch/" + PATH);
        assertThat(s.at("/index/text").asText()).contains(PATH, "live", "H264", "Opus", "from WHIP");

        // Without WebRTC the watch page falls back to HLS: native playback where the browser has it, else the URL.
        assertThat(s.at("/hlsFallback/url").asText()).isEqualTo(NamespacedGateway.ORIGIN + "/" + PATH + "/index.m3u8");
        if (s.at("/hlsFallback/nativeHls").asBoolean()) {
            assertThat(s.at("/hlsFallback/status").asText()).startsWith("Playing over HLS");
            assertThat(s.at("/hlsFallback/videoWidth").asInt()).as("%s", s.get("hlsFallback")).isPositive();
        } else {
            assertThat(s.at("/hlsFallback/status").asText()).contains("no WebRTC");
        }

        // The publisher stops and starts again: the watch page notices the silence, reconnects and plays on.
        assertThat(s.at("/stateAfterFirstStop").asText()).isIn("waiting", "gone");
        assertThat(s.at("/watchWhileAway").asText()).contains("Retrying");
        assertThat(s.at("/watchAfterReturn/sessions").asInt()).as("WHEP sessions the watch page made").isGreaterThan(1);
        assertThat(s.at("/watchAfterReturn/framesIn1500ms").asInt()).as("%s", s.get("watchAfterReturn")).isPositive();
        assertThat(s.at("/watchAfterReturn/status").asText()).isEqualTo("Live");

        // Leaving and stopping clean up at once (DELETE on pagehide and on Stop).
        assertThat(s.at("/whepViewersAfterLeave").asInt()).isZero();
        assertThat(s.at("/stopStatus").asText()).isEqualTo("Stopped.");
        assertThat(s.at("/stateAfterStop").asText()).isIn("waiting", "gone");
        assertThat(s.get("problems")).as("console errors and CSP violations on the pages").isEmpty();
        String log = gw.gatewayLog();
        assertThat(log).contains("whip session end", "deleted by the client").doesNotContain("Exception");
    }
}
