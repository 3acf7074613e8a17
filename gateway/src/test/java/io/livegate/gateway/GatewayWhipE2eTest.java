package io.livegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livegate.testing.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "live/whip";

    @TempDir
    Path dir;

    private String ns;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        install(WHEP_JS, Path.of(System.getProperty("livegate.repo.root"), "test-clients", "whep"), "whep-check.mjs");
        install(WHIP_JS, Path.of(System.getProperty("livegate.repo.root"), "ingest-whip", "src", "test", "js"),
                "whip-check.mjs");
        ns = "lg-gwwhip-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        Commands.run(Path.of("."), List.of("ip", "netns", "add", ns));
        Commands.run(Path.of("."), List.of("ip", "-n", ns, "link", "set", "lo", "up"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Commands.run(Path.of("."), List.of("ip", "netns", "del", ns));
    }

    private static synchronized void install(Path to, Path from, String script) throws Exception {
        Files.createDirectories(to);
        for (String f : List.of("package.json", script)) {
            Files.copy(from.resolve(f), to.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(to.resolve("node_modules/playwright-core"))) {
            Commands.run(to, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
        }
    }

    /** Starts a command inside the namespace; its output goes to a file in the test's directory. */
    private Process inNamespace(String logName, List<String> cmd) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile());
        pb.environment().put("LIVEGATE_HTTP_HOST", "127.0.0.1");
        pb.environment().put("LIVEGATE_WEBRTC_ADVERTISED_ADDRESSES", "127.0.0.1");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private String curl(String url) throws Exception {
        return curl(url, 3);
    }

    /** The body and, on the last line, the HTTP status. */
    private String curl(String url, int seconds) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "curl", "-s", "-m", String.valueOf(seconds), "-w",
                "\n%{http_code}", url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(seconds + 2, TimeUnit.SECONDS);
        return out;
    }

    private JsonNode api() throws Exception {
        String out = curl("http://127.0.0.1:8080/api/v1/streams/" + PATH);
        return out.startsWith("{") ? JSON.readTree(out.substring(0, out.lastIndexOf('\n'))) : null;
    }

    @Test
    void chromiumPublishesOverWhipAndTheStreamPlaysOverWhepAndHls() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        inNamespace("gateway.log", List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                LiveGate.class.getName()));
        waitFor(() -> curl("http://127.0.0.1:8080/healthz").endsWith("200"), "gateway /healthz");
        Process publisher = inNamespace("whip.log", List.of("node",
                WHIP_JS.resolve("whip-check.mjs").toAbsolutePath().toString(), "http://127.0.0.1:8080", PATH, "18",
                "640", "360"));
        waitFor(() -> {
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
        Process viewer = inNamespace("whep.log", List.of("node",
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
                .orElseThrow(() -> new AssertionError("no WHEP summary:\n" + out + "\ngateway:\n" + gatewayLog()));
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
        waitFor(() -> {
            JsonNode s = api();
            return s == null || !s.at("/state").asText().equals("live");
        }, "the stream to end after DELETE");
        assertThat(gatewayLog()).contains("whip session end", "deleted by the client").doesNotContain("Exception");
    }

    private String gatewayLog() {
        try {
            return Files.readString(dir.resolve("gateway.log"));
        } catch (IOException e) {
            return "(no gateway log: " + e + ")";
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private void waitFor(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; gateway log:\n" + gatewayLog());
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + key + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }
}
