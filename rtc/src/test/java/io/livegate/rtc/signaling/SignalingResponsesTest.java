package io.livegate.rtc.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalingResponsesTest {

    private final SignalingResponses responses = new SignalingResponses("*", "Location, ETag");

    @Test
    void createdCarriesLocationEtagPatchTypeAndIceServers() {
        FullHttpResponse r = responses.created("v=0\r\n", "/s/1", "\"e1\"", List.of("stun:a:3478", "turn:b"));
        try {
            assertThat(r.status()).isEqualTo(HttpResponseStatus.CREATED);
            assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(SignalingResponses.SDP);
            assertThat(r.headers().get(HttpHeaderNames.LOCATION)).isEqualTo("/s/1");
            assertThat(r.headers().get(HttpHeaderNames.ETAG)).isEqualTo("\"e1\"");
            assertThat(r.headers().get("Accept-Patch")).isEqualTo(SignalingResponses.SDP_FRAG);
            assertThat(r.headers().getAll("Link")).containsExactly("<stun:a:3478>; rel=\"ice-server\"",
                    "<turn:b>; rel=\"ice-server\"");
            assertThat(r.headers().get(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS)).isEqualTo("Location, ETag");
            assertThat(r.content().toString(StandardCharsets.UTF_8)).isEqualTo("v=0\r\n");
        } finally {
            r.release();
        }
    }

    @Test
    void failuresMapTheirStatusAndChallengeOnlyOn401() {
        FullHttpResponse unauthorized = responses.failure(401, "token needed");
        FullHttpResponse busy = responses.failure(409, "busy");
        FullHttpResponse options = responses.options("OPTIONS, PATCH", false, List.of("stun:a"));
        try {
            assertThat(unauthorized.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).isEqualTo("Bearer");
            assertThat(unauthorized.content().toString(StandardCharsets.UTF_8)).isEqualTo("token needed\n");
            assertThat(busy.status().code()).isEqualTo(409);
            assertThat(busy.headers().contains(HttpHeaderNames.WWW_AUTHENTICATE)).isFalse();
            assertThat(options.headers().get("Accept-Patch")).isEqualTo(SignalingResponses.SDP_FRAG);
            assertThat(options.headers().contains("Link")).as("links only on the endpoint").isFalse();
        } finally {
            unauthorized.release();
            busy.release();
            options.release();
        }
    }
}
