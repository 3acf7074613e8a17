package io.livegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livegate.gateway.config.ConfigLoader;
import io.livegate.gateway.config.GatewayConfig;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GatewayHttpTest {

    /** SPS and PPS of an x264 High profile 1280x720 stream (ffmpeg -profile:v high). */
    static final byte[] SPS = HexFormat.of().parseHex("6764001facd9405005bb0110000003001000000303c0f1831960");
    static final byte[] PPS = HexFormat.of().parseHex("68ef8fcb");

    static Gateway gateway;
    static HttpClient http = HttpClient.newHttpClient();
    static String base;

    @BeforeAll
    static void start() throws Exception {
        GatewayConfig config = GatewayConfig.from(ConfigLoader.load(null, Map.of(
                "LIVEGATE_HTTP_HOST", "127.0.0.1", "LIVEGATE_HTTP_PORT", "0", "LIVEGATE_HTTP_MAX_BODY_SIZE", "1k",
                "LIVEGATE_RTMP_ENABLED", "false", "LIVEGATE_SRT_ENABLED", "false",
                "LIVEGATE_WEBRTC_HOST", "127.0.0.1", "LIVEGATE_WEBRTC_PORT", "0")));
        gateway = new Gateway(config).start();
        base = "http://127.0.0.1:" + gateway.httpPort();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthzAnswers() throws Exception {
        HttpResponse<String> r = get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(r.body()).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void metricsAreValidPrometheusTextWithBusAndJvmSeries() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        PrometheusTextAssert.assertValid(r.body());
        assertThat(r.body()).contains("livegate_streams ", "livegate_frames_in_total ", "livegate_frames_dropped_total ",
                "livegate_subscribers ", "livegate_subscriber_queue_frames ", "jvm_memory_used_bytes{");
    }

    @Test
    void streamsApiDescribesTracksAndPublisher() throws Exception {
        Publisher p = gateway.router().publish(new PublishRequest("live/api", "rtmp", "127.0.0.1:5000", Map.of()),
                reason -> { });
        try {
            p.setTrack(new Track(0, Codec.H264, 90_000, new CodecParameters.H264Parameters(List.of(SPS), List.of(PPS))));
            p.setTrack(new Track(1, Codec.AAC, 48_000, new CodecParameters.AacParameters(new byte[] {0x11, (byte) 0x90})));
            for (int i = 0; i < 3; i++) {
                p.write(new Frame(0, i * 3000L, i * 3000L, i == 0, new Payload.NalUnits(List.of(new byte[] {0x65, 1})),
                        System.nanoTime()));
            }
            JsonNode list = new ObjectMapper().readTree(get("/api/v1/streams").body());
            assertThat(list.get("streams")).extracting(n -> n.get("path").asText()).contains("live/api");
            HttpResponse<String> r = get("/api/v1/streams/live/api");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode s = new ObjectMapper().readTree(r.body());
            assertThat(s.get("state").asText()).isEqualTo("live");
            assertThat(s.at("/publisher/protocol").asText()).isEqualTo("rtmp");
            assertThat(s.at("/publisher/remote_address").asText()).isEqualTo("127.0.0.1:5000");
            JsonNode video = s.at("/tracks/0");
            assertThat(video.get("codec_string").asText()).isEqualTo("avc1.64001f");
            assertThat(video.get("width").asInt()).isEqualTo(1280);
            assertThat(video.get("height").asInt()).isEqualTo(720);
            assertThat(video.get("frames").asLong()).isEqualTo(3);
            assertThat(video.get("b_frames").asBoolean()).isFalse();
            JsonNode audio = s.at("/tracks/1");
            assertThat(audio.get("codec_string").asText()).isEqualTo("mp4a.40.2");
            assertThat(audio.get("sample_rate").asInt()).isEqualTo(48_000);
            assertThat(audio.get("channels").asInt()).isEqualTo(2);
            assertThat(s.at("/subscribers/total").asInt()).isZero();
        } finally {
            p.close();
        }
    }

    /** Streams named like the WebRTC endpoints stay the API's: the API route comes before WHEP and WHIP. */
    @Test
    void apiPathsEndingInWhepOrWhipAreTheApis() throws Exception {
        for (String path : List.of("live/whep", "live/whip")) {
            Publisher p = gateway.router().publish(new PublishRequest(path, "rtmp", "127.0.0.1:5001", Map.of()),
                    reason -> { });
            try {
                HttpResponse<String> r = get("/api/v1/streams/" + path);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(new ObjectMapper().readTree(r.body()).get("path").asText()).isEqualTo(path);
            } finally {
                p.close();
            }
        }
    }

    @Test
    void unknownPathsAreJson404AndPreflightIsAnswered() throws Exception {
        HttpResponse<String> r = get("/api/v1/streams/live/none");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\"error\"");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        HttpResponse<String> o = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/streams"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(o.statusCode()).isEqualTo(204);
        assertThat(o.headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(o.headers().firstValue("access-control-allow-methods").orElse("")).contains("GET");
        // The WHEP endpoint answers its own preflight: a browser page on another origin may POST an offer.
        HttpResponse<String> w = http.send(HttpRequest.newBuilder(URI.create(base + "/live/x/whep"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(w.statusCode()).isBetween(200, 204);
        assertThat(w.headers().firstValue("access-control-allow-methods").orElse("")).contains("POST");
    }

    @Test
    void oversizedBodyIsRefusedWith413() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/streams"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(4096))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
    }
}
