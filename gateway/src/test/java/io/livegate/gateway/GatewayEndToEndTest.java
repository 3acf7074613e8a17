package io.livegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livegate.gateway.config.ConfigLoader;
import io.livegate.gateway.config.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole gateway with real clients: ffmpeg publishes over RTMP or SRT, the API describes the stream, and
 * ffprobe/ffmpeg read it back over HLS. Proves ingest and egress meet through the router as wired in main().
 */
@Tag("e2e")
class GatewayEndToEndTest {

    private Gateway gateway;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        GatewayConfig config = GatewayConfig.from(ConfigLoader.load(null, Map.of(
                "LIVEGATE_HTTP_HOST", "127.0.0.1", "LIVEGATE_HTTP_PORT", "0",
                "LIVEGATE_RTMP_HOST", "127.0.0.1", "LIVEGATE_RTMP_PORT", "0",
                "LIVEGATE_SRT_HOST", "127.0.0.1", "LIVEGATE_SRT_PORT", "0",
                "LIVEGATE_WEBRTC_HOST", "127.0.0.1", "LIVEGATE_WEBRTC_PORT", "0")));
        gateway = new Gateway(config).start();
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        gateway.close();
    }

    private Process ffmpeg(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    /** 640x360 testsrc2 with a 440 Hz tone, in real time, H.264 High with B-frames off and 1 s GOPs. */
    private static List<String> source(int seconds) {
        return List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i",
                "sine=f=440:sample_rate=48000", "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "veryfast",
                "-tune", "zerolatency", "-profile:v", "high", "-g", "30", "-c:a", "aac", "-ac", "2", "-b:a", "96k");
    }

    private JsonNode streamApi(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + gateway.httpPort() + "/api/v1/streams/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? json.readTree(r.body()) : null;
    }

    private void assertPlaysOverHls(String path) throws Exception {
        String url = "http://127.0.0.1:" + gateway.httpPort() + "/" + path + "/index.m3u8";
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height",
                "-of", "csv=p=0", url).redirectErrorStream(true).start();
        processes.add(probe);
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String streams = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(streams).contains("h264,640,360").contains("aac");
        Process read = ffmpeg("-i", url, "-t", "2", "-f", "null", "-");
        assertThat(read.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(read.exitValue()).as("ffmpeg reading HLS: %s", out).isZero();
    }

    @Test
    void rtmpPublishIsDescribedByTheApiAndPlaysOverHls() throws Exception {
        List<String> args = new ArrayList<>(source(12));
        args.addAll(List.of("-f", "flv", "rtmp://127.0.0.1:" + gateway.rtmp().port() + "/live/e2e"));
        ffmpeg(args.toArray(String[]::new));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode s = streamApi("live/e2e");
            return s != null && s.get("tracks").size() == 2 && s.at("/tracks/0/bitrate").asLong() > 0;
        });
        JsonNode s = streamApi("live/e2e");
        assertThat(s.at("/publisher/protocol").asText()).isEqualTo("rtmp");
        JsonNode video = s.at("/tracks/0");
        assertThat(video.get("codec").asText()).isEqualTo("h264");
        assertThat(video.get("width").asInt()).isEqualTo(640);
        assertThat(video.get("height").asInt()).isEqualTo(360);
        assertThat(video.get("codec_string").asText()).startsWith("avc1.64");
        JsonNode audio = s.at("/tracks/1");
        assertThat(audio.get("codec_string").asText()).isEqualTo("mp4a.40.2");
        assertThat(audio.get("sample_rate").asInt()).isEqualTo(48_000);
        assertThat(s.at("/publisher/rtmp/encoder").asText()).startsWith("Lavf");
        assertThat(s.at("/publisher/rtmp/bytes_in").asLong()).isPositive();
        assertPlaysOverHls("live/e2e");
        JsonNode after = streamApi("live/e2e");
        assertThat(after.at("/hls/segments").asLong()).isPositive();
        assertThat(after.at("/hls/viewers").asInt()).isPositive();
        assertThat(after.at("/subscribers/by_protocol/hls").asInt()).isEqualTo(1);
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("livegate_publisher_receive_bitrate_bits_per_second{path=\"live/e2e\",protocol=\"rtmp\"}")
                .contains("livegate_hls_viewers{path=\"live/e2e\"}");
    }

    @Test
    void srtPublishPlaysOverHls() throws Exception {
        assertThat(gateway.srt()).as("SRT started: libsrt.so.1.5 is installed (run-tests installs it)").isNotNull();
        List<String> args = new ArrayList<>(source(12));
        args.addAll(List.of("-f", "mpegts", "srt://127.0.0.1:" + gateway.srt().port()
                + "?streamid=#!::r=live/srt-e2e,m=publish&pkt_size=1316&latency=120000"));
        ffmpeg(args.toArray(String[]::new));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode s = streamApi("live/srt-e2e");
            return s != null && s.get("tracks").size() == 2 && s.at("/tracks/0/frames").asLong() > 30;
        });
        JsonNode s = streamApi("live/srt-e2e");
        assertThat(s.at("/publisher/protocol").asText()).isEqualTo("srt");
        assertThat(s.at("/publisher/srt/latency_ms").asInt()).isGreaterThanOrEqualTo(120);
        assertThat(s.at("/publisher/srt/bytes_in").asLong()).isPositive();
        assertPlaysOverHls("live/srt-e2e");
    }

    @Test
    void srtH265PublishPlaysOverHls() throws Exception {
        assertThat(gateway.srt()).as("SRT started: libsrt.so.1.5 is installed (run-tests installs it)").isNotNull();
        ffmpeg("-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i",
                "sine=f=440:sample_rate=48000", "-t", "12", "-c:v", "libx265", "-preset", "ultrafast",
                "-x265-params", "keyint=30:min-keyint=30:bframes=0:log-level=error", "-c:a", "aac", "-f", "mpegts",
                "srt://127.0.0.1:" + gateway.srt().port() + "?streamid=#!::r=live/hevc,m=publish&pkt_size=1316&latency=120000");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode s = streamApi("live/hevc");
            return s != null && s.get("tracks").size() == 2 && s.at("/tracks/0/keyframes").asLong() >= 2;
        });
        JsonNode video = streamApi("live/hevc").at("/tracks/0");
        assertThat(video.get("codec").asText()).isEqualTo("h265");
        assertThat(video.get("codec_string").asText()).startsWith("hvc1.1.");
        String url = "http://127.0.0.1:" + gateway.httpPort() + "/live/hevc/index.m3u8";
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height",
                "-of", "csv=p=0", url).redirectErrorStream(true).start();
        processes.add(probe);
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("hevc,640,360").contains("aac");
        Process read = ffmpeg("-i", url, "-t", "2", "-f", "null", "-");
        assertThat(read.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(read.exitValue()).as(new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
    }
}
