package io.livegate.rtc.transport;

import io.livegate.rtc.ice.IceTransportProtocol;
import io.livegate.rtc.ice.RemoteEndpoint;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pipeline of one passive ICE-TCP connection: RFC 6544 §3 16-bit length framing both ways. */
final class IceTcpInitializer extends ChannelInitializer<SocketChannel> {
    private final WebRtcPort port;
    private final int maxFrameBytes;

    IceTcpInitializer(WebRtcPort port, int maxFrameBytes) {
        this.port = port;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("frame-decoder", new LengthFieldBasedFrameDecoder(maxFrameBytes + 2, 0, 2, 0, 2))
                .addLast("frame-encoder", new LengthFieldPrepender(2))
                .addLast("ice-tcp", new IceTcpHandler(port));
    }

    /** Feeds each frame to the port as if it were a datagram from this connection's address. */
    static final class IceTcpHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private static final Logger log = LoggerFactory.getLogger(IceTcpHandler.class);
        private final WebRtcPort port;
        private RemoteEndpoint endpoint;
        private boolean counted;

        IceTcpHandler(WebRtcPort port) {
            this.port = port;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            counted = port.tcpConnected(ctx.channel());
            if (!counted) {
                ctx.close();
                return;
            }
            endpoint = new RemoteEndpoint(IceTransportProtocol.TCP, (InetSocketAddress) ctx.channel().remoteAddress());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            port.tcpDisconnected(ctx.channel(), counted);
            counted = false;
            ctx.fireChannelInactive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            if (endpoint != null) {
                port.dispatch(frame, endpoint);
            }
        }

        /** A bad frame (too long) or a reset closes this connection only, logged once. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            port.countDrop(WebRtcPort.DropReason.TCP_REJECTED);
            log.info("webrtc ice-tcp close remote={} cause={}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
