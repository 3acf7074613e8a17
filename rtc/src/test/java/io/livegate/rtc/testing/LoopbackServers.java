package io.livegate.rtc.testing;

import io.livegate.rtc.transport.WebRtcConfig;
import io.livegate.rtc.transport.WebRtcPort;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/** The servers a WHIP or WHEP test server process runs, on 127.0.0.1 and ephemeral ports. */
public final class LoopbackServers {

    private LoopbackServers() {
    }

    /**
     * A started WebRTC port on 127.0.0.1 advertising 127.0.0.1, with ICE-TCP on and DTLS handshakes bounded to 5 s
     * (a stuck test fails fast).
     */
    public static WebRtcPort webRtcPort(EventLoopGroup group) throws UnknownHostException, InterruptedException {
        WebRtcPort port = new WebRtcPort(WebRtcConfig.DEFAULTS.withBindHost("127.0.0.1").withPort(0)
                .withAdvertisedAddresses(List.of(InetAddress.getByName("127.0.0.1"))).withIceTcp(true)
                .withDtlsHandshakeTimeout(Duration.ofSeconds(5)), group);
        port.start();
        return port;
    }

    /** An HTTP/1.1 server handing each request (aggregated, 64 KiB at most) to {@code handler}, which answers it. */
    public static Channel http(EventLoopGroup group, BiConsumer<ChannelHandlerContext, FullHttpRequest> handler)
            throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        handler.accept(ctx, req);
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    /** The server's {@code http://127.0.0.1:<port>} origin. */
    public static String origin(Channel http) {
        return "http://127.0.0.1:" + ((InetSocketAddress) http.localAddress()).getPort();
    }
}
