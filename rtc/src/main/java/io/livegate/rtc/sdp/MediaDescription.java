package io.livegate.rtc.sdp;

import io.livegate.rtc.sdp.SdpAttribute.ExtMap;
import io.livegate.rtc.sdp.SdpAttribute.Fmtp;
import io.livegate.rtc.sdp.SdpAttribute.Mid;
import io.livegate.rtc.sdp.SdpAttribute.Other;
import io.livegate.rtc.sdp.SdpAttribute.RtcpFb;
import io.livegate.rtc.sdp.SdpAttribute.RtpMap;
import java.util.ArrayList;
import java.util.List;

/**
 * One m= section (RFC 8866 5.14) with its lines.
 *
 * @param media      audio, video, application
 * @param port       0 rejects the section in an answer
 * @param portCount  the "/n" after the port, 0 when absent
 * @param protocol   "UDP/TLS/RTP/SAVPF" for WebRTC media
 * @param formats    payload types (or "webrtc-datachannel") in preference order
 * @param connection the c= value, or null
 * @param bandwidths b= values
 * @param otherLines other lines as written ("i=...", "k=...")
 * @param attributes a= lines in order
 */
public record MediaDescription(String media, int port, int portCount, String protocol, List<String> formats,
                               String connection, List<String> bandwidths, List<String> otherLines,
                               List<SdpAttribute> attributes) {

    public MediaDescription {
        formats = List.copyOf(formats);
        bandwidths = List.copyOf(bandwidths);
        otherLines = List.copyOf(otherLines);
        attributes = List.copyOf(attributes);
    }

    public <T extends SdpAttribute> List<T> attributes(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (SdpAttribute a : attributes) {
            if (type.isInstance(a)) {
                out.add(type.cast(a));
            }
        }
        return out;
    }

    /** The first attribute of this type, or null. */
    public <T extends SdpAttribute> T attribute(Class<T> type) {
        for (SdpAttribute a : attributes) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }

    /** True when an attribute of this name is present (rtcp-mux, rtcp-rsize, end-of-candidates...). */
    public boolean has(String name) {
        for (SdpAttribute a : attributes) {
            if (a.attributeName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The value of the first {@link Other} attribute with this name, or null. */
    public String otherValue(String name) {
        for (SdpAttribute a : attributes) {
            if (a instanceof Other o && o.name().equals(name)) {
                return o.value();
            }
        }
        return null;
    }

    public String mid() {
        Mid m = attribute(Mid.class);
        return m == null ? null : m.id();
    }

    /** The direction attribute; sendrecv when absent (RFC 3264 5.1). */
    public Direction direction() {
        Direction d = attribute(Direction.class);
        return d == null ? Direction.SENDRECV : d;
    }

    public RtpMap rtpMap(int payloadType) {
        for (RtpMap m : attributes(RtpMap.class)) {
            if (m.payloadType() == payloadType) {
                return m;
            }
        }
        return null;
    }

    public Fmtp fmtp(int payloadType) {
        String pt = Integer.toString(payloadType);
        for (Fmtp f : attributes(Fmtp.class)) {
            if (f.format().equals(pt)) {
                return f;
            }
        }
        return null;
    }

    /** rtcp-fb lines for this payload type, including the "*" ones. */
    public List<RtcpFb> rtcpFeedback(int payloadType) {
        String pt = Integer.toString(payloadType);
        List<RtcpFb> out = new ArrayList<>();
        for (RtcpFb f : attributes(RtcpFb.class)) {
            if (f.format().equals(pt) || f.format().equals("*")) {
                out.add(f);
            }
        }
        return out;
    }

    public List<ExtMap> extMaps() {
        return attributes(ExtMap.class);
    }

    public List<Candidate> candidates() {
        return attributes(Candidate.class);
    }

    /** The payload types listed on the m= line, skipping non-numeric formats. */
    public List<Integer> payloadTypes() {
        List<Integer> out = new ArrayList<>();
        for (String f : formats) {
            try {
                out.add(Integer.parseInt(f));
            } catch (NumberFormatException e) {
                // datachannel and other non-RTP formats
            }
        }
        return out;
    }

    String mLine() {
        return media + " " + port + (portCount > 0 ? "/" + portCount : "") + " " + protocol
                + (formats.isEmpty() ? "" : " " + String.join(" ", formats));
    }
}
