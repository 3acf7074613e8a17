package io.livegate.rtc.sdp;

import io.livegate.rtc.sdp.SdpException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * An ICE candidate attribute (RFC 8839 5.1; tcptype from RFC 6544 4.5), as in {@code a=candidate:} lines and
 * trickle-ice-sdpfrag bodies.
 *
 * @param foundation     1-32 ice-chars
 * @param componentId    1 (RTP; rtcp-mux makes it the only one) or more
 * @param transport      "UDP"/"udp", "TCP"/"tcp" as written
 * @param priority       1 to 2^31-1
 * @param address        an IP address or an mDNS name ending in ".local"
 * @param type           host, srflx, prflx, relay
 * @param relatedAddress raddr, or null
 * @param relatedPort    rport, or -1
 * @param extensions     the remaining name/value pairs in order (tcptype, generation, ufrag, network-id, ...)
 */
public record Candidate(String foundation, int componentId, String transport, long priority, String address,
                        int port, String type, String relatedAddress, int relatedPort, List<Extension> extensions)
        implements SdpAttribute {

    public record Extension(String name, String value) {
    }

    public Candidate {
        extensions = List.copyOf(extensions);
    }

    /** A host candidate as an ICE-lite server announces it. */
    public static Candidate host(String foundation, String transport, long priority, String address, int port,
                                 String tcpType) {
        return new Candidate(foundation, 1, transport, priority, address, port, "host", null, -1,
                tcpType == null ? List.of() : List.of(new Extension("tcptype", tcpType)));
    }

    public boolean isUdp() {
        return transport.equalsIgnoreCase("udp");
    }

    public boolean isTcp() {
        return transport.equalsIgnoreCase("tcp");
    }

    /** The value of an extension attribute, or null. */
    public String extension(String name) {
        for (Extension e : extensions) {
            if (e.name.equals(name)) {
                return e.value;
            }
        }
        return null;
    }

    public String tcpType() {
        return extension("tcptype");
    }

    @Override
    public String attributeName() {
        return "candidate";
    }

    @Override
    public String attributeValue() {
        StringBuilder sb = new StringBuilder(96).append(foundation).append(' ').append(componentId).append(' ')
                .append(transport).append(' ').append(priority).append(' ').append(address).append(' ').append(port)
                .append(" typ ").append(type);
        if (relatedAddress != null) {
            sb.append(" raddr ").append(relatedAddress);
        }
        if (relatedPort >= 0) {
            sb.append(" rport ").append(relatedPort);
        }
        for (Extension e : extensions) {
            sb.append(' ').append(e.name).append(' ').append(e.value);
        }
        return sb.toString();
    }

    /** Parses the value after "candidate:" (a leading "candidate:" is accepted too, as trickle sends it). */
    public static Candidate parse(String value) {
        String v = value.trim();
        if (v.startsWith("candidate:")) {
            v = v.substring("candidate:".length());
        }
        String[] t = v.split(" +");
        if (t.length < 8 || !t[6].equals("typ") || t.length % 2 != 0) {
            throw new SdpException(Reason.BAD_ATTRIBUTE, "candidate: " + value);
        }
        try {
            if (t[0].isEmpty() || t[0].length() > 32) {
                throw new IllegalArgumentException("foundation");
            }
            int component = SdpAttributeParser.intIn(t[1], 1, 256, "candidate");
            long priority = SdpAttributeParser.u32(t[3], "candidate");
            if (priority < 1 || priority > 0x7FFFFFFFL) {
                throw new IllegalArgumentException("priority");
            }
            int port = SdpAttributeParser.intIn(t[5], 0, 65535, "candidate");
            String raddr = null;
            int rport = -1;
            List<Extension> ext = new ArrayList<>();
            for (int i = 8; i < t.length; i += 2) {
                if (t[i].equals("raddr") && raddr == null && rport < 0 && ext.isEmpty()) {
                    raddr = t[i + 1];
                } else if (t[i].equals("rport") && rport < 0 && ext.isEmpty()) {
                    rport = SdpAttributeParser.intIn(t[i + 1], 0, 65535, "candidate");
                } else {
                    ext.add(new Extension(t[i], t[i + 1]));
                }
            }
            return new Candidate(t[0], component, t[2], priority, t[4], port, t[7], raddr, rport, ext);
        } catch (IllegalArgumentException e) {
            throw new SdpException(Reason.BAD_ATTRIBUTE, "candidate: " + value);
        }
    }
}
