package io.livegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs {@code LiveGate.main} as its own JVM, as the launcher does, and stops it with SIGTERM. */
class LiveGateProcessTest {

    private static Process launch(List<String> extraEnv, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LiveGate.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (String kv : extraEnv) {
            String[] p = kv.split("=", 2);
            pb.environment().put(p[0], p[1]);
        }
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void startsOnDefaultsAnswersHealthAndStopsCleanlyOnSigterm() throws Exception {
        int port = freePort();
        Process p = launch(List.of("LIVEGATE_HTTP_HOST=127.0.0.1", "LIVEGATE_HTTP_PORT=" + port,
                "LIVEGATE_RTMP_HOST=127.0.0.1", "LIVEGATE_RTMP_PORT=0", "LIVEGATE_SRT_HOST=127.0.0.1", "LIVEGATE_SRT_PORT=0",
                "LIVEGATE_WEBRTC_HOST=127.0.0.1", "LIVEGATE_WEBRTC_PORT=0"),
                "run");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && p.isAlive()) {
                try {
                    health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    break;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            assertThat(health).as("healthz answered; output: %s", lines).isNotNull();
            assertThat(health.statusCode()).isEqualTo(200);
            // SIGTERM. Not Process.destroy(): it also closes our end of the child's stdout, losing its last lines.
            p.toHandle().destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            // 143 = 128 + SIGTERM: the JVM's normal status after running its shutdown hooks.
            assertThat(p.exitValue()).isEqualTo(143);
            assertThat(lines).anyMatch(l -> l.contains("level=info") && l.contains("msg=\"gateway started\"")
                    && l.contains("http=127.0.0.1:" + port));
            assertThat(lines).anyMatch(l -> l.contains("msg=\"gateway stopped\""));
            assertThat(lines).noneMatch(l -> l.contains("Exception"));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void jsonLogFormatWritesOneJsonObjectPerLine() throws Exception {
        int port = freePort();
        Process p = launch(List.of("LIVEGATE_HTTP_HOST=127.0.0.1", "LIVEGATE_HTTP_PORT=" + port,
                "LIVEGATE_LOG_FORMAT=json", "LIVEGATE_RTMP_ENABLED=false", "LIVEGATE_SRT_ENABLED=false",
                "LIVEGATE_WHEP_ENABLED=false", "LIVEGATE_WHIP_ENABLED=false"));
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String started = null;
            while ((line = r.readLine()) != null) {
                if (line.contains("gateway started")) {
                    started = line;
                    break;
                }
            }
            assertThat(started).isNotNull();
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(started);
            assertThat(json.get("level").asText()).isEqualTo("INFO");
            assertThat(json.get("message").asText()).contains("gateway started");
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    @Test
    void helpVersionAndBadArguments() throws Exception {
        Process help = launch(List.of(), "--help");
        String out = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor()).isZero();
        assertThat(out).contains("Usage: livegate", "LIVEGATE_HTTP_PORT");
        Process version = launch(List.of(), "--version");
        assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("livegate ");
        assertThat(version.waitFor()).isZero();
        Process bad = launch(List.of(), "--bogus");
        assertThat(bad.waitFor()).isEqualTo(2);
        Process badConfig = launch(List.of("LIVEGATE_HTTP_PORT=notaport"));
        String err = new String(badConfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(badConfig.waitFor()).isEqualTo(1);
        assertThat(err).contains("configuration error", "http.port");
    }
}
