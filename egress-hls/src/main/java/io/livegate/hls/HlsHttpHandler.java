package io.livegate.hls;

import io.livegate.hls.muxer.HlsMuxer;
import io.livegate.hls.muxer.HlsReply;
import io.livegate.hls.muxer.HlsResource;
import io.livegate.hls.muxer.ReplySink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GenericFutureListener;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Routes HLS URLs ({@code /{path}/index.m3u8} and the files it names) to the stream's muxer and writes its answer:
 * Content-Type, Cache-Control (immutable media, short-lived playlists, cacheable blocking reloads), CORS for any
 * origin, keep-alive as the request asks. The muxer answers on its own event loop, possibly later (blocking reload).
 * The request itself is never retained or released here: the gateway owns it.
 */
public final class HlsHttpHandler {

    private static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";

    private final HlsEgress egress;
    private final HlsLimits limits;

    HlsHttpHandler(HlsEgress egress, HlsLimits limits) {
        this.egress = egress;
        this.limits = limits;
    }

    /** Handles {@code request} if it names an HLS resource; false leaves it to the gateway's other routes. */
    public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        HlsUrl.Result result = HlsUrl.parse(request.uri(), limits.maxUriLength());
        if (result instanceof HlsUrl.NotHls) {
            return false;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpVersion version = request.protocolVersion();
        HttpMethod method = request.method();
        if (HttpMethod.OPTIONS.equals(method)) {
            FullHttpResponse r = new DefaultFullHttpResponse(version, HttpResponseStatus.NO_CONTENT);
            cors(r.headers());
            r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "*")
                    .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
            send(ctx, r, keepAlive);
            return true;
        }
        boolean head = HttpMethod.HEAD.equals(method);
        if (!head && !HttpMethod.GET.equals(method)) {
            FullHttpResponse r = textResponse(version, 405, "method not allowed", head);
            r.headers().set(HttpHeaderNames.ALLOW, ALLOWED_METHODS);
            send(ctx, r, keepAlive);
            return true;
        }
        if (result instanceof HlsUrl.Invalid bad) {
            send(ctx, textResponse(version, bad.status(), bad.message(), head), keepAlive);
            return true;
        }
        HlsUrl.Parsed parsed = (HlsUrl.Parsed) result;
        HlsStream stream = egress.stream(parsed.streamPath());
        if (stream == null) {
            send(ctx, textResponse(version, 404, "no stream at " + parsed.streamPath(), head), keepAlive);
            return true;
        }
        String viewerKey = parsed.resource() instanceof HlsResource.MediaPlaylist ? viewerKey(ctx, request) : null;
        ChannelReplySink sink = new ChannelReplySink(ctx, version, keepAlive, head, stream);
        HlsMuxer muxer = stream.muxer();
        try {
            muxer.loop().execute(() -> muxer.serve(parsed.resource(), viewerKey, sink));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            sink.reply(HlsReply.error(503, "shutting down"));
        }
        return true;
    }

    /** A viewer is its address and user agent (rfc8216bis has no session id; players do not send one). */
    private static String viewerKey(ChannelHandlerContext ctx, FullHttpRequest request) {
        SocketAddress a = ctx.channel().remoteAddress();
        String host = a instanceof InetSocketAddress i ? i.getAddress().getHostAddress() : String.valueOf(a);
        String forwarded = request.headers().get("X-Forwarded-For");
        if (forwarded != null && !forwarded.isEmpty()) {
            // Behind a CDN or proxy every viewer shares the proxy's address.
            int comma = forwarded.indexOf(',');
            host = (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim();
        }
        String ua = request.headers().get(HttpHeaderNames.USER_AGENT, "");
        if (host.length() > 64) {
            host = host.substring(0, 64);
        }
        if (ua.length() > 256) {
            ua = ua.substring(0, 256);
        }
        return host + '|' + ua;
    }

    static void cors(HttpHeaders h) {
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Content-Length, Date, Age");
    }

    private static FullHttpResponse textResponse(HttpVersion version, int status, String message, boolean head) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        cors(r.headers());
        return r;
    }

    static void send(ChannelHandlerContext ctx, FullHttpResponse r, boolean keepAlive) {
        if (!r.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        }
        if (keepAlive) {
            if (!r.protocolVersion().isKeepAliveDefault()) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.writeAndFlush(r);
        } else {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Writes a muxer's answer to the channel, once; frees the parked slot if the channel closes first. */
    private static final class ChannelReplySink implements ReplySink {
        private final ChannelHandlerContext ctx;
        private final HttpVersion version;
        private final boolean keepAlive;
        private final boolean head;
        private final HlsStream stream;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile GenericFutureListener<ChannelFuture> closeListener;

        ChannelReplySink(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, boolean head,
                         HlsStream stream) {
            this.ctx = ctx;
            this.version = version;
            this.keepAlive = keepAlive;
            this.head = head;
            this.stream = stream;
        }

        @Override
        public void reply(HlsReply reply) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            GenericFutureListener<ChannelFuture> l = closeListener;
            if (l != null) {
                ctx.channel().closeFuture().removeListener(l);
            }
            if (!ctx.channel().isActive()) {
                return;
            }
            long length = reply.length();
            ByteBuf body = head || reply.body().isEmpty() ? Unpooled.EMPTY_BUFFER
                    : Unpooled.wrappedBuffer(reply.body().toArray(new byte[0][]));
            FullHttpResponse r = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(reply.status()), body);
            HttpHeaders h = r.headers();
            if (reply.contentType() != null) {
                h.set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
            }
            h.set(HttpHeaderNames.CACHE_CONTROL, reply.cacheControl());
            h.set(HttpHeaderNames.CONTENT_LENGTH, length);
            if (reply.status() == 503) {
                h.set(HttpHeaderNames.RETRY_AFTER, "1");
            }
            cors(h);
            if (!head) {
                stream.served(length);
            }
            send(ctx, r, keepAlive);
        }

        @Override
        public void onAbandon(Runnable cancel) {
            GenericFutureListener<ChannelFuture> l = f -> cancel.run();
            closeListener = l;
            ctx.channel().closeFuture().addListener(l);
            if (done.get()) {
                ctx.channel().closeFuture().removeListener(l);
            }
        }
    }
}
