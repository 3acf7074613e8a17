package io.livegate.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/** Binds the HTTP listener on the shared event loops. */
public final class HttpServer implements AutoCloseable {

    private final String host;
    private final int port;
    private final EventLoopGroup group;
    private final HttpChannelInitializer initializer;
    private Channel channel;

    public HttpServer(String host, int port, EventLoopGroup group, HttpChannelInitializer initializer) {
        this.host = host;
        this.port = port;
        this.group = group;
        this.initializer = initializer;
    }

    public void start() throws InterruptedException {
        Class<? extends ServerChannel> type = Epoll.isAvailable() ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        channel = new ServerBootstrap()
                .group(group)
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(host, port).sync().channel();
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting; open connections finish on their own or with the event loops. */
    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }
}
