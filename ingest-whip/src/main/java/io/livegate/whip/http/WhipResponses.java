package io.livegate.whip.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** WHIP responses with CORS headers (a browser publisher page may live on another origin). */
public final class WhipResponses {

    public static final String SDP = "application/sdp";
    public static final String SDP_FRAG = "application/trickle-ice-sdpfrag";

    private WhipResponses() {
    }

    public static FullHttpResponse of(HttpResponseStatus status, String contentType, String body, String origin) {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(b));
        if (contentType != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, b.length);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS,
                "Location, ETag, Link, Accept-Patch, Accept-Post");
        return r;
    }

    public static FullHttpResponse error(HttpResponseStatus status, String message, String origin) {
        return of(status, "text/plain; charset=utf-8", message + "\n", origin);
    }

    /** CORS preflight and WHIP OPTIONS (RFC 9725 4.2): methods, headers, and for the endpoint Accept-Post, Link. */
    public static FullHttpResponse options(String methods, boolean endpoint, List<String> iceServers, String origin) {
        FullHttpResponse r = of(HttpResponseStatus.NO_CONTENT, null, null, origin);
        r.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        r.headers().set(HttpHeaderNames.ALLOW, methods);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, methods);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Authorization, If-Match");
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        if (endpoint) {
            r.headers().set("Accept-Post", SDP);
            for (String link : links(iceServers)) {
                r.headers().add("Link", link);
            }
        } else {
            r.headers().set("Accept-Patch", SDP_FRAG);
        }
        return r;
    }

    /** {@code Link} values for STUN/TURN servers (RFC 9725 4.6). */
    public static List<String> links(List<String> iceServers) {
        return iceServers.stream().map(u -> "<" + u + ">; rel=\"ice-server\"").toList();
    }

    /** Writes the response, closing the connection when the request asked for it. */
    public static void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse r) {
        if (HttpUtil.isKeepAlive(req)) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(r);
        } else {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
