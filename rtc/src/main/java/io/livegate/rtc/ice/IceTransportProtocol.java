package io.livegate.rtc.ice;

/** The transport of a candidate: UDP, or TCP with RFC 6544 framing. */
public enum IceTransportProtocol {
    UDP,
    TCP;

    public String sdpName() {
        return this == UDP ? "udp" : "tcp";
    }
}
