package io.livegate.rtmp;

import io.livegate.router.StreamRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTMP ingest listener: RTMP on {@link RtmpConfig#port()}, and RTMPS on {@link RtmpConfig#tlsPort()} when a
 * certificate and key are configured. Runs on the event loop group it is given (epoll when that group is an
 * epoll group).
 */
public final class RtmpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtmpServer.class);

    private final RtmpConfig config;
    private final StreamRegistry registry;
    private final EventLoopGroup group;
    private final Map<SocketChannel, SessionStats> sessions = new ConcurrentHashMap<>();
    private Channel rtmpChannel;
    private Channel rtmpsChannel;

    public RtmpServer(RtmpConfig config, StreamRegistry registry, EventLoopGroup group) {
        this.config = config;
        this.registry = registry;
        this.group = group;
    }

    /**
     * Binds RTMP (and RTMPS when configured).
     *
     * @throws IllegalStateException when a port cannot be bound or the TLS certificate/key cannot be loaded
     */
    public synchronized void start() {
        if (rtmpChannel != null) {
            throw new IllegalStateException("already started");
        }
        try {
            rtmpChannel = bind(config.port(), null);
            if (config.tlsEnabled()) {
                SslContext ssl;
                try {
                    ssl = SslContextBuilder.forServer(config.certificate().toFile(), config.privateKey().toFile())
                            .build();
                } catch (SSLException | IllegalArgumentException e) {
                    throw new IllegalStateException("cannot load RTMPS certificate " + config.certificate()
                            + " / key " + config.privateKey() + ": " + e.getMessage(), e);
                }
                rtmpsChannel = bind(config.tlsPort(), ssl);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("rtmp listening host={} port={} tlsPort={}", config.bindHost(), port(), tlsPort());
    }

    private Channel bind(int port, SslContext ssl) {
        boolean epoll = group instanceof IoEventLoopGroup g && g.isIoType(EpollIoHandler.class);
        Class<? extends ServerChannel> channelClass = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        int high = config.limits().maxOutboundBytes();
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(channelClass)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
                .childHandler(new RtmpChannelInitializer(config, registry, ssl, sessions));
        try {
            return b.bind(config.bindHost(), port).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind " + (ssl == null ? "RTMP" : "RTMPS") + " on "
                    + config.bindHost() + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The bound RTMP port (useful with port 0), or -1 before start. */
    public int port() {
        return rtmpChannel == null ? -1 : ((InetSocketAddress) rtmpChannel.localAddress()).getPort();
    }

    /** The bound RTMPS port, or -1 when RTMPS is off. */
    public int tlsPort() {
        return rtmpsChannel == null ? -1 : ((InetSocketAddress) rtmpsChannel.localAddress()).getPort();
    }

    /** Current connections, for the API. */
    public List<RtmpSessionInfo> sessions() {
        List<RtmpSessionInfo> out = new ArrayList<>(sessions.size());
        for (SessionStats s : sessions.values()) {
            out.add(s.info());
        }
        return out;
    }

    /** Stops listening and closes every connection (their publishers end). Idempotent. */
    @Override
    public synchronized void close() {
        for (Channel c : new Channel[] {rtmpChannel, rtmpsChannel}) {
            if (c != null) {
                c.close().syncUninterruptibly();
            }
        }
        for (SocketChannel ch : sessions.keySet()) {
            ch.close();
        }
    }
}
