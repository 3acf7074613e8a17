package io.livegate.gateway.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livegate.gateway.Gateway;
import io.livegate.gateway.config.ConfigLoader;
import io.livegate.gateway.config.GatewayConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pages as the gateway wires them: on by default, after every module's route, off with pages.enabled. */
class GatewayPagesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Gateway start(boolean pages) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("LIVEGATE_HTTP_HOST", "127.0.0.1", "LIVEGATE_HTTP_PORT", "0",
                "LIVEGATE_RTMP_HOST", "127.0.0.1", "LIVEGATE_RTMP_PORT", "0", "LIVEGATE_SRT_ENABLED", "false",
                "LIVEGATE_WEBRTC_HOST", "127.0.0.1", "LIVEGATE_WEBRTC_PORT", "0"));
        env.put("LIVEGATE_PAGES_ENABLED", String.valueOf(pages));
        return new Gateway(GatewayConfig.from(ConfigLoader.load(null, env))).start();
    }

    private static HttpResponse<String> get(Gateway g, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pagesAreServedAndTellTheRealPorts() throws Exception {
        try (Gateway g = start(true)) {
            HttpResponse<String> index = get(g, "/");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(index.headers().firstValue("content-security-policy")).hasValue(PagesRoute.CONTENT_SECURITY_POLICY);
            assertThat(get(g, "/watch/live/cam1").body()).contains("/pages/watch.js");
            assertThat(get(g, "/broadcast/live/cam1").body()).contains("/pages/broadcast.js");
            JsonNode config = new ObjectMapper().readTree(get(g, "/pages/config.json").body());
            assertThat(config.get("rtmp_port").asInt()).isEqualTo(g.rtmp().port()).isPositive();
            assertThat(config.get("rtmps_port").isNull()).as("no certificate, no RTMPS").isTrue();
            assertThat(config.get("srt_port").isNull()).as("SRT switched off").isTrue();
            assertThat(config.get("whip").asBoolean()).isTrue();
            assertThat(config.get("whep").asBoolean()).isTrue();
            assertThat(config.get("hls").asBoolean()).isTrue();
            // Stream URLs stay the modules': HLS and the API answer as before, not the pages.
            HttpResponse<String> hls = get(g, "/live/cam1/index.m3u8");
            assertThat(hls.headers().firstValue("content-security-policy")).isEmpty();
            assertThat(hls.statusCode()).isNotEqualTo(200);
            assertThat(get(g, "/api/v1/streams").body()).isEqualTo("{\"streams\":[]}");
            assertThat(get(g, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(g, "/nothing-here").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void switchedOffThereAreNoPages() throws Exception {
        try (Gateway g = start(false)) {
            for (String path : new String[] {"/", "/watch/live/cam1", "/broadcast/live/cam1", "/pages/index.js"}) {
                HttpResponse<String> r = get(g, path);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.headers().firstValue("content-type")).as(path).hasValue("application/json; charset=utf-8");
            }
            assertThat(get(g, "/healthz").statusCode()).isEqualTo(200);
        }
    }
}
