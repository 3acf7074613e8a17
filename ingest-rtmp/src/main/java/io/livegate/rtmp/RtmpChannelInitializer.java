package io.livegate.rtmp;

import io.livegate.router.StreamRegistry;
import io.livegate.rtmp.chunk.RtmpChunkDecoder;
import io.livegate.rtmp.chunk.RtmpChunkEncoder;
import io.livegate.rtmp.handshake.RtmpHandshakeHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one RTMP connection's pipeline: [TLS] → idle timeout → handshake (removes itself) → chunk encoder and
 * decoder → commands and media.
 */
public final class RtmpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger LOG = LoggerFactory.getLogger(RtmpChannelInitializer.class);

    private final RtmpConfig config;
    private final StreamRegistry registry;
    private final SslContext sslContext;
    private final Map<SocketChannel, SessionStats> sessions;

    RtmpChannelInitializer(RtmpConfig config, StreamRegistry registry, SslContext sslContext,
                           Map<SocketChannel, SessionStats> sessions) {
        this.config = config;
        this.registry = registry;
        this.sslContext = sslContext;
        this.sessions = sessions;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (sessions.size() >= config.limits().maxConnections()) {
            LOG.warn("rtmp connection refused remote={} reason=\"{} connections open, limit {}\"", ch.remoteAddress(),
                    sessions.size(), config.limits().maxConnections());
            ch.close();
            return;
        }
        ChannelPipeline p = ch.pipeline();
        if (sslContext != null) {
            p.addLast("tls", sslContext.newHandler(ch.alloc()));
        }
        p.addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast("handshake", new RtmpHandshakeHandler());
        p.addLast("chunkEncoder", new RtmpChunkEncoder());
        RtmpChunkDecoder decoder = new RtmpChunkDecoder(config.limits());
        p.addLast("chunkDecoder", decoder);
        String remote = ch.remoteAddress() == null ? "" : ch.remoteAddress().getAddress().getHostAddress() + ":"
                + ch.remoteAddress().getPort();
        SessionStats stats = new SessionStats(sslContext != null ? "rtmps" : "rtmp", remote);
        p.addLast("commands", new RtmpCommandHandler(registry, config.limits(), decoder, stats));
        sessions.put(ch, stats);
        Consumer<SocketChannel> remove = sessions::remove;
        ch.closeFuture().addListener(f -> remove.accept(ch));
    }
}
