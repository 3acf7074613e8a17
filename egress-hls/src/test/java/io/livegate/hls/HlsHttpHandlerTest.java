package io.livegate.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livegate.router.PublishHook;
import io.livegate.router.RouterConfig;
import io.livegate.router.StreamRouter;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP face: status codes, headers, keep-alive, lifecycle; a real server on 127.0.0.1 and the JDK client. */
class HlsHttpHandlerTest {

    private StreamRouter router;
    private EventLoopGroup group;
    private HlsEgress egress;
    private TestHttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private void start(Duration grace, HlsConfig config) throws Exception {
        router = new StreamRouter(new RouterConfig(grace, false, RouterConfig.DEFAULT_GOP_CACHE_MAX_FRAMES,
                RouterConfig.DEFAULT_GOP_CACHE_MAX_BYTES, Duration.ofMillis(500), Duration.ofSeconds(10)),
                PublishHook.ALLOW_ALL);
        group = TestHttpServer.newGroup(2);
        egress = new HlsEgress(config, router, group);
        server = new TestHttpServer(group, egress.handler());
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
            egress.close();
            router.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private HttpResponse<byte[]> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void errorsCarryCorsAndTheRightStatus() throws Exception {
        start(Duration.ofSeconds(10), HlsConfig.DEFAULTS);
        HttpResponse<byte[]> missing = send("GET", "/live/none/index.m3u8");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(header(missing, "access-control-allow-origin")).isEqualTo("*");
        assertThat(send("GET", "/live/none/whatever.txt").statusCode()).isEqualTo(404); // not ours: gateway 404
        HttpResponse<byte[]> options = send("OPTIONS", "/live/none/video.m3u8");
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(header(options, "access-control-allow-methods")).contains("GET");
        assertThat(send("POST", "/live/none/index.m3u8").statusCode()).isEqualTo(405);
        assertThat(send("GET", "/live/none/video.m3u8?_HLS_part=1").statusCode()).isEqualTo(400);
    }

    @Test
    void playlistsAndMediaHaveTypesCachingAndKeepAlive() throws Exception {
        start(Duration.ofSeconds(10), HlsConfig.DEFAULTS);
        try (SyntheticPublisher pub = new SyntheticPublisher(router, "live/h")) {
            pub.until(0.5);
            CompletableFuture<HttpResponse<byte[]>> index = CompletableFuture.supplyAsync(() -> {
                try {
                    return send("GET", "/live/h/index.m3u8");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // The first request started the muxer; it answers once the first segment is complete.
            await().atMost(Duration.ofSeconds(5)).until(() -> !egress.streams().isEmpty());
            pub.realtimeUntil(2.2);
            HttpResponse<byte[]> r = index.get(10, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(header(r, "content-type")).isEqualTo("application/vnd.apple.mpegurl");
            assertThat(header(r, "cache-control")).isEqualTo("max-age=1");

            HttpResponse<byte[]> video = send("GET", "/live/h/video.m3u8");
            assertThat(header(video, "cache-control")).isEqualTo("no-cache");
            Matcher m = Pattern.compile("(video_[0-9a-z]+_s\\d+\\.m4s)").matcher(text(video));
            assertThat(m.find()).isTrue();
            HttpResponse<byte[]> seg = send("GET", "/live/h/" + m.group(1));
            assertThat(seg.statusCode()).isEqualTo(200);
            assertThat(header(seg, "content-type")).isEqualTo("video/mp4");
            assertThat(header(seg, "cache-control")).isEqualTo("public, max-age=31536000, immutable");
            assertThat(header(seg, "content-length")).isEqualTo(Integer.toString(seg.body().length));
            HttpResponse<byte[]> head = send("HEAD", "/live/h/" + m.group(1));
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(header(head, "content-length")).isEqualTo(Integer.toString(seg.body().length));

            // Two requests on one connection: HTTP/1.1 keep-alive.
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                for (int i = 0; i < 2; i++) {
                    out.write(("GET /live/h/index.m3u8 HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    assertThat(readResponseHead(in)).startsWith("HTTP/1.1 200").doesNotContain("connection: close");
                }
            }
            assertThat(egress.streams()).singleElement().satisfies(info -> {
                assertThat(info.path()).isEqualTo("live/h");
                assertThat(info.segments()).isPositive();
                assertThat(info.parts()).isPositive();
                assertThat(info.viewers()).isEqualTo(1);
                assertThat(info.bytesServed()).isPositive();
            });
        }
    }

    /** Reads one response's head and skips its body (by Content-Length). */
    private static String readResponseHead(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IllegalStateException("closed after " + sb);
            }
            sb.append((char) c);
        }
        Matcher m = Pattern.compile("(?i)content-length: (\\d+)").matcher(sb);
        if (m.find()) {
            in.readNBytes(Integer.parseInt(m.group(1)));
        }
        return sb.toString().toLowerCase(java.util.Locale.ROOT).replace("http/1.1", "HTTP/1.1");
    }

    @Test
    void publisherStopReleasesBlockedRequests() throws Exception {
        // A blocking timeout far beyond the wait below: only the publisher's stop can answer the request.
        start(Duration.ofSeconds(30), new HlsConfig(Duration.ofSeconds(1), Duration.ofMillis(200), 7,
                HlsConfig.DEFAULT_MAX_BYTES_PER_STREAM, Duration.ofSeconds(60), true, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(10), HlsLimits.DEFAULTS));
        SyntheticPublisher pub = new SyntheticPublisher(router, "live/s");
        pub.until(0.5);
        CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return send("GET", "/live/s/video.m3u8");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !egress.streams().isEmpty());
        pub.realtimeUntil(2.1);
        HttpResponse<byte[]> firstResponse = first.get(10, TimeUnit.SECONDS);
        assertThat(firstResponse.statusCode()).isEqualTo(200);
        String playlist = text(firstResponse);
        assertThat(playlist).contains("#EXT-X-PART:");
        HttpResponse<byte[]> fresh = send("GET", "/live/s/video.m3u8");
        Matcher seg = Pattern.compile("_s(\\d+)\\.m4s").matcher(text(fresh));
        long lastMsn = -1;
        while (seg.find()) {
            lastMsn = Long.parseLong(seg.group(1));
        }
        // The open segment is lastMsn + 1; the stop completes it, so lastMsn + 2 never comes.
        long target = lastMsn + 2;
        CompletableFuture<HttpResponse<byte[]>> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return send("GET", "/live/s/video.m3u8?_HLS_msn=" + target + "&_HLS_part=0");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(blocked.isDone()).isFalse();
        pub.close();
        HttpResponse<byte[]> r = blocked.get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(503);
        assertThat(header(r, "retry-after")).isEqualTo("1");
    }

    @Test
    void streamEndGivesEndListAndIdleMuxersStop() throws Exception {
        HlsConfig config = new HlsConfig(Duration.ofSeconds(1), Duration.ofMillis(200), 7,
                HlsConfig.DEFAULT_MAX_BYTES_PER_STREAM, Duration.ofSeconds(3), true, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(10), HlsLimits.DEFAULTS);
        start(Duration.ZERO, config);
        SyntheticPublisher pub = new SyntheticPublisher(router, "live/e");
        pub.until(0.5);
        CompletableFuture<HttpResponse<byte[]>> index = CompletableFuture.supplyAsync(() -> {
            try {
                return send("GET", "/live/e/index.m3u8");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !egress.streams().isEmpty());
        pub.realtimeUntil(1.5);
        assertThat(index.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        pub.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> text(send("GET", "/live/e/video.m3u8"))
                .contains("#EXT-X-ENDLIST"));
        await().atMost(Duration.ofSeconds(5)).until(() -> egress.streams().isEmpty());
        assertThat(send("GET", "/live/e/video.m3u8").statusCode()).isEqualTo(404);
    }

    @Test
    void hundredsOfParkedRequestsAreFreedOnDisconnectAndReleasedOnStop() throws Exception {
        start(Duration.ofSeconds(30), new HlsConfig(Duration.ofSeconds(1), Duration.ofMillis(200), 7,
                HlsConfig.DEFAULT_MAX_BYTES_PER_STREAM, Duration.ofSeconds(60), true, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(10), new HlsLimits(250, 1000, 1024)));
        SyntheticPublisher pub = new SyntheticPublisher(router, "live/m");
        pub.until(0.5);
        CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return send("GET", "/live/m/video.m3u8");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !egress.streams().isEmpty());
        pub.realtimeUntil(1.3);
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        HlsStream stream = egress.stream("live/m");
        java.util.List<Socket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("GET /live/m/" + (i % 2 == 0 ? "video" : "audio")
                        + ".m3u8?_HLS_msn=3&_HLS_part=0 HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                sockets.add(s);
            }
            // 250 parked, 50 refused at once with 503 (which ones depends on arrival order).
            await().atMost(Duration.ofSeconds(10)).until(() -> parked(stream) == 250);
            java.util.List<Socket> waiting = new java.util.ArrayList<>();
            int refused = 0;
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                int answered = 0;
                for (Socket s : sockets) {
                    if (s.getInputStream().available() > 0) {
                        answered++;
                    }
                }
                return answered == 50;
            });
            for (Socket s : sockets) {
                if (s.getInputStream().available() > 0) {
                    assertThat(readResponseHead(s.getInputStream())).startsWith("HTTP/1.1 503");
                    refused++;
                } else {
                    waiting.add(s);
                }
            }
            assertThat(refused).isEqualTo(50);
            // Clients that go away free their slots.
            for (Socket s : waiting.subList(0, 100)) {
                s.close();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> parked(stream) == 150);
            // The publisher stops: every remaining request is answered.
            pub.close();
            for (Socket s : waiting.subList(100, 250)) {
                assertThat(readResponseHead(s.getInputStream())).startsWith("HTTP/1.1 503");
            }
            assertThat(parked(stream)).isZero();
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private static int parked(HlsStream stream) throws Exception {
        return stream.loop().submit(() -> stream.muxer().parkedRequests()).get(5, TimeUnit.SECONDS);
    }
}
