package io.livegate.hls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;

/** A tiny HTTP server on 127.0.0.1 that routes every request to an {@link HlsHttpHandler}, or 404s. */
final class TestHttpServer implements AutoCloseable {

    private final Channel channel;

    TestHttpServer(EventLoopGroup group, HlsHttpHandler handler) throws InterruptedException {
        this(group, handler, 0);
    }

    TestHttpServer(EventLoopGroup group, HlsHttpHandler handler, int port) throws InterruptedException {
        this.channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        if (!handler.handle(ctx, req)) {
                                            var r = new DefaultFullHttpResponse(req.protocolVersion(),
                                                    HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
                                            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0)
                                                    .set(HttpHeaderNames.CONNECTION, "close");
                                            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
                                        }
                                    }
                                });
                    }
                }).bind("127.0.0.1", port).sync().channel();
    }

    static EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
