package io.livegate.whep;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.rtc.testing.NetnsRunner;
import io.livegate.testing.Netns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Headless Chromium plays a WHEP stream from {@link WhepEgress}: H.264 at the source size, Opus audio (published
 * as Opus, or AAC through the transcoder), over UDP and over ICE-TCP. Server ({@link WhepTestServer}, its own JVM) and browser both run inside a network namespace
 * this test creates with nothing but {@code lo}, so Chromium gathers 127.0.0.1 and no traffic leaves loopback.
 * Needs root (ip netns), node, ffmpeg and /usr/bin/chromium; installs playwright-core under target/ on first use.
 */
@Tag("e2e")
class WhepChromiumE2eTest {

    private static final Logger LOG = LoggerFactory.getLogger(WhepChromiumE2eTest.class);
    private static final Path JS = Path.of("target", "whepjs");

    @TempDir
    Path dir;

    private NetnsRunner netns;

    @BeforeEach
    void setUp() throws Exception {
        Netns.installNodeClient(JS, Path.of(System.getProperty("livegate.repo.root"), "test-clients", "whep"),
                "package.json", "whep-check.mjs");
        netns = new NetnsRunner("lg-whep", dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        netns.close();
    }

    @Test
    void playsH264AndOpusOverUdp() throws Exception {
        String summary = play("opus", "udp");
        assertThat(number(summary, "audioSamples")).as(summary).isGreaterThan(48_000);
        assertThat(summary).contains("\"protocol\":\"udp\"");
    }

    @Test
    void playsInServerOfferModeWithTheAnswerPatched() throws Exception {
        String summary = play("opus", "udp", true);
        assertThat(summary).contains("\"mode\":\"server-offer\"");
        assertThat(number(summary, "patchStatus")).as(summary).isEqualTo(204);
        assertThat(number(summary, "audioSamples")).as(summary).isGreaterThan(48_000);
    }

    @Test
    void playsOverIceTcpWhenOnlyTcpIsOffered() throws Exception {
        String summary = play("opus", "tcp");
        assertThat(summary).contains("\"protocol\":\"tcp\"");
    }

    @Test
    void playsAacTranscodedToOpus() throws Exception {
        String summary = play("aac", "udp");
        assertThat(number(summary, "audioSamples")).as(summary).isGreaterThan(48_000);
    }

    private String play(String audio, String transport) throws Exception {
        return play(audio, transport, false);
    }

    private String play(String audio, String transport, boolean serverOffer) throws Exception {
        NetnsRunner.TestServer server = netns.startServer(WhepTestServer.class, dir.toString(), "640", "360", audio,
                transport);
        String origin = server.awaitReady();
        List<String> cmd = new ArrayList<>(List.of("node", "whep-check.mjs"));
        if (serverOffer) {
            cmd.add("--server-offer");
        }
        cmd.addAll(List.of(origin, "live/cam1", "7"));
        Process node = netns.start(JS, cmd);
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        server.finish(); // the server prints its sessions and exits
        String log = server.log();
        LOG.info("chromium {} {}:\n{}\nserver:\n{}\n{}", audio, transport, out, String.join("\n", server.output()),
                log.lines().filter(l -> l.contains("whep")).reduce("", (a, b) -> a + b + "\n"));
        String summary = out.lines().filter(l -> l.startsWith("{\"summary\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary:\n" + out + "\nserver log:\n" + log));
        assertThat(node.exitValue()).as(out).isZero();
        assertThat(number(summary, "status")).isEqualTo(201);
        assertThat(number(summary, "deleteStatus")).isEqualTo(200);
        assertThat(number(summary, "framesDecoded")).as(summary).isGreaterThan(90);
        assertThat(number(summary, "width")).as(summary).isEqualTo(640);
        assertThat(number(summary, "height")).as(summary).isEqualTo(360);
        assertThat(log).doesNotContain("LEAK:");
        return summary;
    }

    static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + key + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }
}
