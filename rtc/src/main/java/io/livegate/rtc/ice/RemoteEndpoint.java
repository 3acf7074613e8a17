package io.livegate.rtc.ice;

import java.net.InetSocketAddress;

/**
 * Where a check came from. An ICE-lite server has one local candidate per transport on the shared
 * port, so a candidate pair is fully named by the remote side and the transport.
 */
public record RemoteEndpoint(IceTransportProtocol protocol, InetSocketAddress address) {
    @Override
    public String toString() {
        return protocol.sdpName() + ":" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
