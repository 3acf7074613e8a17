package io.livegate.gateway.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Builds each HTTP connection's pipeline: idle timeout, codec, keep-alive, bounded body, router. */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Request line and headers stay small for every endpoint we serve (Netty's defaults). */
    public static final int DEFAULT_MAX_INITIAL_LINE_LENGTH = 4096;
    public static final int DEFAULT_MAX_HEADER_SIZE = 8192;

    private final int maxBodySize;
    private final Duration idleTimeout;
    private final HttpRequestRouter router;

    public HttpChannelInitializer(int maxBodySize, Duration idleTimeout, HttpRequestRouter router) {
        this.maxBodySize = maxBodySize;
        this.idleTimeout = idleTimeout;
        this.router = router;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
        p.addLast(new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(DEFAULT_MAX_INITIAL_LINE_LENGTH)
                .setMaxHeaderSize(DEFAULT_MAX_HEADER_SIZE)));
        p.addLast(new HttpServerKeepAliveHandler());
        p.addLast(new HttpObjectAggregator(maxBodySize));
        p.addLast(router);
    }
}
