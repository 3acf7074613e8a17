package io.livegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livegate.gateway.config.ConfigLoader;
import io.livegate.gateway.config.GatewayConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ffmpeg publishes over RTMP or SRT, hls.js (lowLatencyMode) in headless Chromium plays the LL-HLS playlist through the
 * whole gateway: with and without B-frames, AAC at 44.1 and 48 kHz. Logs the PROGRAM-DATE-TIME latency.
 */
@Tag("e2e")
class GatewayHlsJsE2eTest {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHlsJsE2eTest.class);
    private static final Path JS = Path.of("target", "hlsjs");

    private Gateway gateway;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        installPlayer();
        gateway = new Gateway(GatewayConfig.from(ConfigLoader.load(null, Map.of(
                "LIVEGATE_HTTP_HOST", "127.0.0.1", "LIVEGATE_HTTP_PORT", "0",
                "LIVEGATE_RTMP_HOST", "127.0.0.1", "LIVEGATE_RTMP_PORT", "0",
                "LIVEGATE_SRT_HOST", "127.0.0.1", "LIVEGATE_SRT_PORT", "0", "LIVEGATE_WHEP_ENABLED", "false",
                "LIVEGATE_WHIP_ENABLED", "false")))).start();
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        gateway.close();
    }

    private static synchronized void installPlayer() throws Exception {
        Files.createDirectories(JS);
        Path clients = Path.of(System.getProperty("livegate.repo.root"), "test-clients", "hlsjs");
        for (String f : List.of("package.json", "hls-check.mjs")) {
            Files.copy(clients.resolve(f), JS.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(JS.resolve("node_modules/hls.js"))
                || !Files.isDirectory(JS.resolve("node_modules/playwright-core"))) {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(JS.toFile()).redirectErrorStream(true).start();
            String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(npm.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(npm.exitValue()).as("npm install: %s", out).isZero();
        }
    }

    private Process start(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(JS.toFile()).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    @ParameterizedTest(name = "{2} bframes={0} audio={1} Hz")
    @CsvSource({"0, 48000, rtmp", "2, 44100, rtmp", "0, 48000, srt"})
    void publishedStreamPlaysInHlsJsWithLowLatency(int bframes, int sampleRate, String protocol) throws Exception {
        String path = "live/hlsjs-" + protocol + bframes;
        String output = protocol.equals("srt")
                ? "srt://127.0.0.1:" + gateway.srt().port() + "?streamid=#!::r=" + path
                        + ",m=publish&pkt_size=1316&latency=120000"
                : "rtmp://127.0.0.1:" + gateway.rtmp().port() + "/" + path;
        start(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
                "-f", "lavfi", "-i", "sine=f=440:sample_rate=" + sampleRate, "-t", "20",
                "-c:v", "libx264", "-preset", "veryfast", "-profile:v", bframes > 0 ? "main" : "baseline",
                "-bf", Integer.toString(bframes), "-g", "30", "-c:a", "aac", "-ac", "2", "-b:a", "96k",
                "-f", protocol.equals("srt") ? "mpegts" : "flv", output));
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.router().find(path)
                .map(s -> s.tracks().size() == 2 && s.trackStats(0).map(t -> t.keyframes() >= 2).orElse(false))
                .orElse(false));
        if (bframes > 0) {
            assertThat(gateway.router().find(path).orElseThrow().trackStats(0).orElseThrow().reordered()).isTrue();
        }
        Process node = start(List.of("node", "hls-check.mjs",
                "http://127.0.0.1:" + gateway.httpPort() + "/" + path + "/index.m3u8", "8"));
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(90, TimeUnit.SECONDS)).isTrue();
        LOG.info("hls.js bframes={} rate={}:\n{}", bframes, sampleRate, out);
        assertThat(node.exitValue()).as(out).isZero();
        String summary = out.lines().filter(l -> l.startsWith("{\"summary\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary: " + out));
        assertThat(number(summary, "total")).as(summary).isGreaterThan(90);
        // Dropped frames measure the renderer's CPU on this 2-core box; a broken stream drops far more or stalls.
        assertThat(number(summary, "dropped")).as(summary).isLessThanOrEqualTo(number(summary, "total") / 10);
        assertThat(number(summary, "parts")).as(summary).isPositive();
        assertThat(number(summary, "width")).isEqualTo(640);
        assertThat(number(summary, "height")).isEqualTo(360);
        assertThat(number(summary, "audioTracks")).isEqualTo(1);
        assertThat(summary).contains("\"canBlockReload\":true").doesNotContain("\"fatal\":true");
        double pdt = number(summary, "pdtLatencyP50Ms");
        LOG.info("hls.js {}->LL-HLS latency (PROGRAM-DATE-TIME, p50): {} ms bframes={} rate={}", protocol, pdt,
                bframes, sampleRate);
        assertThat(pdt).as("latency behind the ingest clock").isBetween(0.0, 6000.0);
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + key + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }
}
