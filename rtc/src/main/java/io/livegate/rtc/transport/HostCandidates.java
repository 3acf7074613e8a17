package io.livegate.rtc.transport;

import io.livegate.rtc.ice.IceCandidate;
import io.livegate.rtc.ice.IceTransportProtocol;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** The host candidates every session of a port advertises (RFC 8445 §5.1.1.1, RFC 6544 §4.5). */
final class HostCandidates {
    private HostCandidates() {}

    /** The NAT 1:1 public address first, then the configured ones; all UDP, then all passive TCP. */
    static List<IceCandidate> of(WebRtcConfig config, int port) {
        List<InetAddress> addresses = new ArrayList<>();
        if (config.publicAddress() != null) {
            addresses.add(config.publicAddress());
        }
        for (InetAddress a : config.advertisedAddresses()) {
            if (!addresses.contains(a)) {
                addresses.add(a);
            }
        }
        List<IceCandidate> out = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            out.add(IceCandidate.host(addresses.get(i), port, IceTransportProtocol.UDP, i));
        }
        if (config.iceTcp()) {
            for (int i = 0; i < addresses.size(); i++) {
                out.add(IceCandidate.host(addresses.get(i), port, IceTransportProtocol.TCP, i));
            }
        }
        return List.copyOf(out);
    }
}
