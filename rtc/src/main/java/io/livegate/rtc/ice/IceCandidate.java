package io.livegate.rtc.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A local host candidate (RFC 8445 §5.1.2, RFC 8839 §5.1 syntax; RFC 6544 §4.5 tcptype).
 *
 * @param foundation same for candidates of the same type, base and transport
 * @param component  always 1: WebRTC multiplexes RTP and RTCP (RFC 5761)
 */
public record IceCandidate(String foundation, int component, IceTransportProtocol protocol, long priority,
        InetSocketAddress address) {
    /** RFC 8445 §5.1.2.2: host type preference 126. */
    static final int HOST_TYPE_PREFERENCE = 126;

    /**
     * A host candidate. Priority follows RFC 8445 §5.1.2.1; TCP gets a lower local preference as RFC
     * 6544 §4.2 advises so peers with working UDP pick UDP.
     *
     * @param index orders addresses: 0 is the most preferred
     */
    public static IceCandidate host(InetAddress address, int port, IceTransportProtocol protocol, int index) {
        int localPreference = (protocol == IceTransportProtocol.UDP ? 65535 : 32767) - Math.min(index, 1000);
        long priority = ((long) HOST_TYPE_PREFERENCE << 24) | ((long) localPreference << 8) | (256 - 1);
        String foundation = Integer.toString(1 + index * 2 + (protocol == IceTransportProtocol.UDP ? 0 : 1));
        return new IceCandidate(foundation, 1, protocol, priority, new InetSocketAddress(address, port));
    }

    /** The value of an {@code a=candidate:} line, without the {@code a=} prefix. */
    public String toSdpAttribute() {
        StringBuilder b = new StringBuilder("candidate:").append(foundation).append(' ').append(component).append(' ')
                .append(protocol.sdpName()).append(' ').append(priority).append(' ')
                .append(address.getAddress().getHostAddress()).append(' ').append(address.getPort()).append(" typ host");
        if (protocol == IceTransportProtocol.TCP) {
            b.append(" tcptype passive");
        }
        return b.toString();
    }
}
