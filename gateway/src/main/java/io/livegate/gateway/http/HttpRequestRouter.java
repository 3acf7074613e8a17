package io.livegate.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dispatches each request to the first route that takes it; 404 when none does. Shared by all connections. */
@ChannelHandler.Sharable
public final class HttpRequestRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRequestRouter.class);

    private final List<HttpRoute> routes;
    private final HttpResponses responses;

    public HttpRequestRouter(List<HttpRoute> routes, HttpResponses responses) {
        this.routes = List.copyOf(routes);
        this.responses = responses;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            responses.error(ctx, request, HttpResponseStatus.BAD_REQUEST, "malformed request");
            ctx.close();
            return;
        }
        try {
            for (HttpRoute route : routes) {
                if (route.handle(ctx, request)) {
                    return;
                }
            }
            if (HttpMethod.OPTIONS.equals(request.method())) {
                preflight(ctx, request);
                return;
            }
            responses.error(ctx, request, HttpResponseStatus.NOT_FOUND, "not found: " + request.uri());
        } catch (Exception e) {
            LOG.warn("msg=\"request failed\" method={} uri={} remote={}", request.method(), request.uri(),
                    ctx.channel().remoteAddress(), e);
            if (ctx.channel().isActive()) {
                responses.error(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
            }
        }
    }

    private void preflight(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT,
                Unpooled.EMPTY_BUFFER);
        responses.cors(r);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PATCH, DELETE, OPTIONS");
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                "Authorization, Content-Type, If-Match, If-None-Match");
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        HttpUtil.setContentLength(r, 0);
        HttpUtil.setKeepAlive(r, HttpUtil.isKeepAlive(request));
        ctx.writeAndFlush(r);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("msg=\"http connection error\" remote={} error=\"{}\"", ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
