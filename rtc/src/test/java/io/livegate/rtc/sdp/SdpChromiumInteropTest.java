package io.livegate.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.livegate.media.Codec;
import io.livegate.rtc.sdp.AnswerOptions.LocalTrack;
import io.livegate.rtc.sdp.SdpAttribute.Fingerprint;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium makes WHIP, simulcast-WHIP and WHEP offers, applies the answers {@link SdpAnswerer}
 * writes, and reports the directions, codecs and encodings it negotiated. No ICE candidates are exchanged,
 * so nothing is sent on the network. Chromium is found at $LIVEGATE_CHROMIUM or /usr/bin/chromium.
 */
@Tag("e2e")
class SdpChromiumInteropTest {

    private static final Fingerprint FP = Fingerprint.of("sha-256", new byte[32]);

    private static String answer(String scenario, String offerText) {
        SessionDescription offer = SessionDescription.parse(offerText);
        AnswerOptions opts = switch (scenario) {
            case "whep" -> AnswerOptions.whep("srvU", "serverpassword0123456789", FP, List.of(),
                    List.of(CodecPreference.exactly(Codec.H264, Map.of("profile-level-id", "42e01f",
                            "packetization-mode", "1")), CodecPreference.any(Codec.OPUS)),
                    Map.of("video", new LocalTrack("live", "v0", 1111, 2222, "gw"),
                            "audio", new LocalTrack("live", "a0", 3333, 0, "gw")), 7);
            default -> AnswerOptions.whip("srvU", "serverpassword0123456789", FP, List.of(), 7);
        };
        return SdpAnswerer.answer(offer, opts).sdp().write();
    }

    @Test
    void chromiumAcceptsOurAnswers() throws Exception {
        Map<String, String> results = new ConcurrentHashMap<>();
        SessionDescription ourOffer = SdpOfferer.offer(OfferOptions.whep("srvU", "serverpassword0123456789", FP,
                List.of(), Codec.H264, "640028", new LocalTrack("live", "v0", 1111, 2222, "gw"),
                new LocalTrack("live", "a0", 3333, 0, "gw"), 9));
        CountDownLatch done = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                switch (path) {
                    case "/page.html" -> reply(ex, "text/html", resource("interop.html"));
                    case "/answer" -> {
                        String scenario = ex.getRequestURI().getQuery().substring("scenario=".length());
                        String out;
                        try {
                            out = answer(scenario, body);
                        } catch (RuntimeException e) {
                            out = "ERROR " + e;
                        }
                        reply(ex, "application/sdp", out);
                    }
                    case "/offer" -> reply(ex, "application/sdp", ourOffer.write());
                    case "/accept" -> {
                        String out;
                        try {
                            SdpAnswer a = SdpOfferer.accept(ourOffer, SessionDescription.parse(body));
                            out = a.media().stream().map(m -> m.kind() + ":" + m.direction() + ":"
                                    + (m.codec() == null ? "-" : m.codec().codec() + "/" + m.codec().payloadType()
                                    + "/rtx" + m.codec().rtxPayloadType())).toList() + " dtlsClient=" + a.dtlsClient();
                        } catch (RuntimeException e) {
                            out = "ERROR " + e;
                        }
                        reply(ex, "text/plain", out);
                    }
                    case "/result" -> {
                        String scenario = body.replaceAll("(?s).*\"scenario\":\"([a-z]+)\".*", "$1");
                        results.put(scenario, body);
                        reply(ex, "text/plain", "ok");
                    }
                    case "/done" -> {
                        reply(ex, "text/plain", "ok");
                        done.countDown();
                    }
                    default -> {
                        ex.sendResponseHeaders(404, -1);
                    }
                }
            }
        });
        server.start();
        Path profile = Files.createTempDirectory("livegate-chromium");
        Process chromium = null;
        try {
            String exe = System.getenv().getOrDefault("LIVEGATE_CHROMIUM", "/usr/bin/chromium");
            assertThat(new File(exe)).as("Chromium at " + exe).exists();
            chromium = new ProcessBuilder(exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile, "http://127.0.0.1:" + server.getAddress().getPort() + "/page.html")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(done.await(60, TimeUnit.SECONDS)).as("Chromium finished the page").isTrue();
        } finally {
            if (chromium != null) {
                chromium.destroy();
                if (!chromium.waitFor(5, TimeUnit.SECONDS)) {
                    chromium.destroyForcibly();
                }
            }
            server.stop(0);
            deleteTree(profile.toFile());
        }
        String whip = results.get("whip");
        assertThat(whip).as(String.valueOf(results)).contains("\"ok\":true").contains("\"direction\":\"sendonly\"").contains("video/H264")
                .contains("packetization-mode=1").contains("audio/opus");
        String simulcast = results.get("simulcast");
        assertThat(simulcast).contains("\"ok\":true").contains("\"encodings\":3");
        String whep = results.get("whep");
        assertThat(whep).as(whep).contains("\"ok\":true").contains("\"direction\":\"recvonly\"")
                .contains("video/H264 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f")
                .contains("audio/opus");
        String serverOffer = results.get("serveroffer");
        assertThat(serverOffer).as(serverOffer).contains("\"ok\":true")
                .contains("video:SENDONLY:H264/108/rtx109").contains("audio:SENDONLY:OPUS/111/rtx-1")
                .contains("dtlsClient=false").contains("\"direction\":\"recvonly\"")
                .contains("profile-level-id=42e01f"); // Chromium refuses a High-only section, takes the fallback
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SdpChromiumInteropTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void reply(HttpExchange ex, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
    }

    private static void deleteTree(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteTree(c);
            }
        }
        f.delete();
    }
}
