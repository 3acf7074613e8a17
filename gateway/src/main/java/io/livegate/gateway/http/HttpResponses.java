package io.livegate.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Writing complete responses for the gateway's own endpoints. */
public final class HttpResponses {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";

    private final String corsOrigin;

    public HttpResponses(String corsOrigin) {
        this.corsOrigin = corsOrigin;
    }

    public void send(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, String contentType,
                     byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        cors(response);
        HttpUtil.setContentLength(response, body.length);
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
        ctx.writeAndFlush(response);
    }

    public void text(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, String body) {
        send(ctx, request, status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON error body: {"error": "..."}. */
    public void error(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, String message) {
        String body = "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        send(ctx, request, status, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds the CORS headers browsers need to call the gateway from another origin. */
    public void cors(FullHttpResponse response) {
        if (corsOrigin != null) {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, corsOrigin);
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Location, ETag, Link");
        }
    }

    public String corsOrigin() {
        return corsOrigin;
    }
}
