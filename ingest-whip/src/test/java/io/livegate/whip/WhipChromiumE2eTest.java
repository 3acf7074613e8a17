package io.livegate.whip;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.rtc.testing.NetnsRunner;
import io.livegate.testing.Netns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
 * Headless Chromium publishes its fake camera (H.264) and microphone (Opus) over WHIP to {@link WhipIngest}; the bus
 * must get an H.264 track whose SPS gives the camera's size, keyframes first, an Opus track, increasing
 * timestamps, audio and video on one timeline, and the end of the stream after DELETE. Server
 * ({@link WhipTestServer}, its own JVM) and browser both run inside a network namespace this test creates with
 * nothing but {@code lo}, so Chromium gathers 127.0.0.1 and no traffic leaves loopback. Needs root (ip netns),
 * node and /usr/bin/chromium; installs playwright-core under target/ on first use.
 */
@Tag("e2e")
class WhipChromiumE2eTest {

    private static final Logger LOG = LoggerFactory.getLogger(WhipChromiumE2eTest.class);
    private static final Path JS = Path.of("target", "whipjs");

    @TempDir
    Path dir;

    private NetnsRunner netns;

    @BeforeEach
    void setUp() throws Exception {
        Netns.installNodeClient(JS, Path.of("src", "test", "js"), "package.json", "whip-check.mjs");
        netns = new NetnsRunner("lg-whip", dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        netns.close();
    }

    @Test
    void chromiumPublishesH264AndOpus() throws Exception {
        NetnsRunner.TestServer server = netns.startServer(WhipTestServer.class);
        String origin = server.awaitReady();
        Process node = netns.start(JS, List.of("node", "whip-check.mjs", origin, "live/cam1", "5", "640", "360"));
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300); // the DELETE's close runs on the server's event loop
        server.finish(); // the server prints what the bus got and exits
        String log = server.log();
        String got = String.join("\n", server.output());
        LOG.info("chromium:\n{}\nserver:\n{}\n{}", out, got,
                log.lines().filter(l -> l.contains("whip")).reduce("", (a, b) -> a + b + "\n"));
        String summary = out.lines().filter(l -> l.startsWith("{\"summary\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary:\n" + out + "\nserver log:\n" + log));
        assertThat(node.exitValue()).as(out).isZero();
        assertThat(number(summary, "status")).isEqualTo(201);
        assertThat(number(summary, "deleteStatus")).isEqualTo(200);
        assertThat(summary).contains("\"videoCodec\":\"video/H264\"", "\"audioCodec\":\"audio/opus\"");

        assertThat(got).contains("TRACK 0 H264 90000 640x360", "TRACK 1 OPUS 48000");
        String video = line(got, "FRAMES 0 ");
        String audio = line(got, "FRAMES 1 ");
        assertThat(video).contains("first_key=true", "increasing=true");
        assertThat(audio).contains("increasing=true");
        assertThat(number(video, "count")).as(video).isGreaterThan(60); // 5 s at 30 fps, less the start
        assertThat(number(video, "keyframes")).isGreaterThanOrEqualTo(1);
        assertThat(number(audio, "count")).as(audio).isGreaterThan(150); // 20 ms packets
        // One timeline: each track's frames reach us a similar time after their presentation time (video adds its
        // encode and pacing delay). Unaligned RTP clocks would be seconds to hours apart.
        double skew = number(video, "delay_median_ms") - number(audio, "delay_median_ms");
        assertThat(skew).as("video minus audio delay, ms").isBetween(-100.0, 200.0);
        assertThat(got).contains("CLOSED true");
        assertThat(got).contains("whip session end", "reason=\"deleted by the client\"");
        assertThat(got + log).doesNotContain("LEAK:");
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in\n" + text));
    }

    static double number(String text, String key) {
        Matcher m = Pattern.compile("\"?" + key + "\"?[:=](-?[0-9.]+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + key + " in " + text);
        }
        return Double.parseDouble(m.group(1));
    }
}
