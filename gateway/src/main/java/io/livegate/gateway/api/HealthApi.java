package io.livegate.gateway.api;

import io.livegate.gateway.http.HttpResponses;
import io.livegate.gateway.http.HttpRoute;
import io.livegate.router.StreamRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;

/** {@code GET /healthz}: 200 while the server accepts requests, with the number of streams. */
public final class HealthApi implements HttpRoute {

    private final StreamRegistry registry;
    private final HttpResponses responses;

    public HealthApi(StreamRegistry registry, HttpResponses responses) {
        this.registry = registry;
        this.responses = responses;
    }

    @Override
    public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!new QueryStringDecoder(request.uri()).path().equals("/healthz")) {
            return false;
        }
        String body = "{\"status\":\"ok\",\"streams\":" + registry.streams().size() + "}";
        responses.send(ctx, request, HttpResponseStatus.OK, HttpResponses.JSON, body.getBytes(StandardCharsets.UTF_8));
        return true;
    }
}
