package io.livegate.rtc.transport;

import io.livegate.rtc.ice.IceTransportProtocol;
import io.livegate.rtc.ice.RemoteEndpoint;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands every datagram of the shared UDP socket to the port; the packet is released on return. */
final class UdpInboundHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(UdpInboundHandler.class);
    private final WebRtcPort port;

    UdpInboundHandler(WebRtcPort port) {
        this.port = port;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        port.dispatch(packet.content(), new RemoteEndpoint(IceTransportProtocol.UDP, packet.sender()));
    }

    /** A failed send (e.g. ICMP unreachable) must never close the shared socket. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("webrtc udp error: {}", cause.toString());
    }
}
