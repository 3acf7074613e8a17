package io.livegate.rtc.signaling;

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

/**
 * Responses of a WHIP or WHEP resource, each with CORS headers (the publishing or playing page may live on another
 * origin; RFC 9725 4.5).
 *
 * @param allowOrigin   the {@code Access-Control-Allow-Origin} value
 * @param exposeHeaders the {@code Access-Control-Expose-Headers} value: the protocol's response headers a page reads
 */
public record SignalingResponses(String allowOrigin, String exposeHeaders) {

    public static final String SDP = "application/sdp";
    public static final String SDP_FRAG = "application/trickle-ice-sdpfrag";

    public FullHttpResponse of(HttpResponseStatus status, String contentType, String body) {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(b));
        if (contentType != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, b.length);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeaders);
        return r;
    }

    public FullHttpResponse error(HttpResponseStatus status, String message) {
        return of(status, "text/plain; charset=utf-8", message + "\n");
    }

    /** A refused request: its status and message, and for 401 the Bearer challenge (RFC 9725 4.5, RFC 6750 3). */
    public FullHttpResponse failure(int status, String message) {
        FullHttpResponse r = error(HttpResponseStatus.valueOf(status), message);
        if (status == HttpResponseStatus.UNAUTHORIZED.code()) {
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        return r;
    }

    /** 405 naming the methods the resource takes. */
    public FullHttpResponse methodNotAllowed(String allow) {
        FullHttpResponse r = error(HttpResponseStatus.METHOD_NOT_ALLOWED, "allowed: " + allow);
        r.headers().set(HttpHeaderNames.ALLOW, allow);
        return r;
    }

    /** CORS preflight and OPTIONS (RFC 9725 4.2): methods, headers, and for the endpoint Accept-Post, Link. */
    public FullHttpResponse options(String methods, boolean endpoint, List<String> iceServers) {
        FullHttpResponse r = of(HttpResponseStatus.NO_CONTENT, null, null);
        r.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        r.headers().set(HttpHeaderNames.ALLOW, methods);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, methods);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Authorization, If-Match");
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        if (endpoint) {
            r.headers().set("Accept-Post", SDP);
            addLinks(r, iceServers);
        } else {
            r.headers().set("Accept-Patch", SDP_FRAG);
        }
        return r;
    }

    /** 201 for a new session (RFC 9725 4.2): the SDP, its Location and ETag, Accept-Patch, the ice-server links. */
    public FullHttpResponse created(String sdp, String location, String etag, List<String> iceServers) {
        FullHttpResponse r = of(HttpResponseStatus.CREATED, SDP, sdp);
        r.headers().set(HttpHeaderNames.LOCATION, location);
        r.headers().set(HttpHeaderNames.ETAG, etag);
        r.headers().set("Accept-Patch", SDP_FRAG);
        addLinks(r, iceServers);
        return r;
    }

    /** {@code Link} values for STUN/TURN servers (RFC 9725 4.6). */
    public static List<String> links(List<String> iceServers) {
        return iceServers.stream().map(u -> "<" + u + ">; rel=\"ice-server\"").toList();
    }

    private static void addLinks(FullHttpResponse r, List<String> iceServers) {
        for (String link : links(iceServers)) {
            r.headers().add("Link", link);
        }
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
