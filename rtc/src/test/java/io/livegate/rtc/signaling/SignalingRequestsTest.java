package io.livegate.rtc.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class SignalingRequestsTest {

    @Test
    void requestsReadBearerIfMatchAndType() {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PATCH, "/s/1",
                Unpooled.EMPTY_BUFFER);
        assertThat(SignalingRequests.bearer(req)).isNull();
        assertThat(SignalingRequests.bearerMatches(req, null)).isTrue();
        assertThat(SignalingRequests.bearerMatches(req, "k")).isFalse();
        assertThat(SignalingRequests.ifMatches(req, "\"e\"")).isTrue();
        assertThat(SignalingRequests.contentType(req)).isEmpty();
        req.headers().set(HttpHeaderNames.AUTHORIZATION, "bearer  k ");
        req.headers().set(HttpHeaderNames.IF_MATCH, "\"old\"");
        req.headers().set(HttpHeaderNames.CONTENT_TYPE, "Application/Trickle-ICE-SDPFrag");
        assertThat(SignalingRequests.bearer(req)).isEqualTo("k");
        assertThat(SignalingRequests.bearerMatches(req, "k")).isTrue();
        assertThat(SignalingRequests.ifMatches(req, "\"e\"")).isFalse();
        assertThat(SignalingRequests.contentType(req)).isEqualTo(SignalingResponses.SDP_FRAG);
        req.headers().set(HttpHeaderNames.IF_MATCH, "*");
        assertThat(SignalingRequests.ifMatches(req, "\"e\"")).isTrue();
    }
}
