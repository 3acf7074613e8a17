package io.livegate.rtc.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code a=} line. The WebRTC attributes have typed records; anything else is {@link Other}, kept as
 * written. {@link #attributeValue()} is null for property attributes ({@code a=rtcp-mux}).
 */
public sealed interface SdpAttribute permits Direction, Candidate, SdpAttribute.Group, SdpAttribute.Mid,
        SdpAttribute.RtpMap, SdpAttribute.Fmtp, SdpAttribute.RtcpFb, SdpAttribute.ExtMap, SdpAttribute.IceUfrag,
        SdpAttribute.IcePwd, SdpAttribute.IceOptions, SdpAttribute.Fingerprint, SdpAttribute.Setup,
        SdpAttribute.Ssrc, SdpAttribute.SsrcGroup, SdpAttribute.Msid, SdpAttribute.Rid, SdpAttribute.Simulcast,
        SdpAttribute.Other {

    String attributeName();

    String attributeValue();

    /** The line without "a=" and without the line end. */
    default String line() {
        String v = attributeValue();
        return v == null ? attributeName() : attributeName() + ":" + v;
    }

    /** a=group:BUNDLE 0 1 (RFC 5888 5). */
    record Group(String semantics, List<String> ids) implements SdpAttribute {
        public Group {
            ids = List.copyOf(ids);
        }

        public String attributeName() {
            return "group";
        }

        public String attributeValue() {
            return ids.isEmpty() ? semantics : semantics + " " + String.join(" ", ids);
        }
    }

    /** a=mid:0 (RFC 5888 4). */
    record Mid(String id) implements SdpAttribute {
        public String attributeName() {
            return "mid";
        }

        public String attributeValue() {
            return id;
        }
    }

    /**
     * a=rtpmap:111 opus/48000/2 (RFC 8866 6.6).
     *
     * @param channels encoding parameters (audio channels), 0 when absent
     */
    record RtpMap(int payloadType, String encodingName, int clockRate, int channels) implements SdpAttribute {
        public String attributeName() {
            return "rtpmap";
        }

        public String attributeValue() {
            return payloadType + " " + encodingName + "/" + clockRate + (channels > 0 ? "/" + channels : "");
        }
    }

    /** a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f (RFC 8866 6.15). */
    record Fmtp(String format, String parameters) implements SdpAttribute {
        public String attributeName() {
            return "fmtp";
        }

        public String attributeValue() {
            return format + " " + parameters;
        }

        /** Parameters as key → value in order; a bare token ("0-15" for telephone-event) maps to "". */
        public Map<String, String> parameterMap() {
            Map<String, String> m = new LinkedHashMap<>();
            for (String part : parameters.split(";")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq < 0) {
                    m.put(p, "");
                } else {
                    m.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
                }
            }
            return m;
        }
    }

    /** a=rtcp-fb:96 nack pli (RFC 4585 4.2); format is a payload type or "*". */
    record RtcpFb(String format, String type, String parameter) implements SdpAttribute {
        public String attributeName() {
            return "rtcp-fb";
        }

        public String attributeValue() {
            return format + " " + feedback();
        }

        /** "nack", "nack pli", "ccm fir", "transport-cc", "goog-remb". */
        public String feedback() {
            return parameter == null ? type : type + " " + parameter;
        }
    }

    /**
     * a=extmap:3/recvonly URI attributes (RFC 8285 5).
     *
     * @param direction  null when absent
     * @param attributes extension attributes after the URI, or null
     */
    record ExtMap(int id, Direction direction, String uri, String attributes) implements SdpAttribute {
        public String attributeName() {
            return "extmap";
        }

        public String attributeValue() {
            return id + (direction == null ? "" : "/" + direction.attributeName()) + " " + uri
                    + (attributes == null ? "" : " " + attributes);
        }
    }

    record IceUfrag(String ufrag) implements SdpAttribute {
        public String attributeName() {
            return "ice-ufrag";
        }

        public String attributeValue() {
            return ufrag;
        }
    }

    record IcePwd(String password) implements SdpAttribute {
        public String attributeName() {
            return "ice-pwd";
        }

        public String attributeValue() {
            return password;
        }

        @Override
        public String toString() {
            return "IcePwd[***]";
        }
    }

    /** a=ice-options:trickle ice2 (RFC 8839 5.6). */
    record IceOptions(List<String> options) implements SdpAttribute {
        public IceOptions {
            options = List.copyOf(options);
        }

        public String attributeName() {
            return "ice-options";
        }

        public String attributeValue() {
            return String.join(" ", options);
        }
    }

    /** a=fingerprint:sha-256 AB:CD:... (RFC 8122 5). */
    record Fingerprint(String hashFunction, String fingerprint) implements SdpAttribute {
        public String attributeName() {
            return "fingerprint";
        }

        public String attributeValue() {
            return hashFunction + " " + fingerprint;
        }

        /** The fingerprint bytes (hex pairs separated by colons). */
        public byte[] bytes() {
            String[] parts = fingerprint.split(":");
            byte[] b = new byte[parts.length];
            for (int i = 0; i < parts.length; i++) {
                b[i] = (byte) Integer.parseInt(parts[i], 16);
            }
            return b;
        }

        /** From digest bytes: upper-case hex pairs joined by colons, as browsers write it. */
        public static Fingerprint of(String hashFunction, byte[] digest) {
            StringBuilder sb = new StringBuilder(digest.length * 3);
            for (int i = 0; i < digest.length; i++) {
                if (i > 0) {
                    sb.append(':');
                }
                sb.append(String.format("%02X", digest[i] & 0xFF));
            }
            return new Fingerprint(hashFunction, sb.toString());
        }
    }

    /** DTLS role (RFC 4145 4, RFC 5763 5). */
    enum SetupRole {
        ACTPASS, ACTIVE, PASSIVE, HOLDCONN;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Setup(SetupRole role) implements SdpAttribute {
        public String attributeName() {
            return "setup";
        }

        public String attributeValue() {
            return role.value();
        }
    }

    /** a=ssrc:1846794214 cname:BX6C3kieUcQLItT3 (RFC 5576 4.1); value null for a bare attribute. */
    record Ssrc(long ssrc, String attribute, String value) implements SdpAttribute {
        public String attributeName() {
            return "ssrc";
        }

        public String attributeValue() {
            return ssrc + " " + attribute + (value == null ? "" : ":" + value);
        }
    }

    /** a=ssrc-group:FID 1846794214 2927325314 (RFC 5576 4.2). */
    record SsrcGroup(String semantics, List<Long> ssrcs) implements SdpAttribute {
        public SsrcGroup {
            ssrcs = List.copyOf(ssrcs);
        }

        public String attributeName() {
            return "ssrc-group";
        }

        public String attributeValue() {
            StringBuilder sb = new StringBuilder(semantics);
            for (long s : ssrcs) {
                sb.append(' ').append(s);
            }
            return sb.toString();
        }
    }

    /** a=msid:stream track (RFC 8830 2); trackId null when absent. */
    record Msid(String streamId, String trackId) implements SdpAttribute {
        public String attributeName() {
            return "msid";
        }

        public String attributeValue() {
            return trackId == null ? streamId : streamId + " " + trackId;
        }
    }

    /**
     * a=rid:q send pt=96;max-width=320 (RFC 8851 10).
     *
     * @param direction    "send" or "recv"
     * @param restrictions everything after the direction, or null
     */
    record Rid(String id, String direction, String restrictions) implements SdpAttribute {
        public String attributeName() {
            return "rid";
        }

        public String attributeValue() {
            return id + " " + direction + (restrictions == null ? "" : " " + restrictions);
        }

        /** The payload types of a "pt=" restriction, empty when unrestricted. */
        public List<Integer> payloadTypes() {
            List<Integer> out = new ArrayList<>();
            if (restrictions != null) {
                for (String r : restrictions.split(";")) {
                    if (r.startsWith("pt=")) {
                        for (String pt : r.substring(3).split(",")) {
                            out.add(Integer.parseInt(pt.trim()));
                        }
                    }
                }
            }
            return out;
        }
    }

    /** One rid in a simulcast stream list; paused when written with "~". */
    record SimulcastRid(String rid, boolean paused) {
        @Override
        public String toString() {
            return (paused ? "~" : "") + rid;
        }
    }

    /**
     * a=simulcast:send q;h;f recv r (RFC 8853 5.1): per direction, a list of simulcast streams, each a list
     * of alternative rids.
     */
    record Simulcast(List<List<SimulcastRid>> send, List<List<SimulcastRid>> recv) implements SdpAttribute {
        public Simulcast {
            send = send.stream().map(List::copyOf).toList();
            recv = recv.stream().map(List::copyOf).toList();
        }

        public String attributeName() {
            return "simulcast";
        }

        public String attributeValue() {
            StringBuilder sb = new StringBuilder();
            if (!send.isEmpty()) {
                sb.append("send ").append(streams(send));
            }
            if (!recv.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : " ").append("recv ").append(streams(recv));
            }
            return sb.toString();
        }

        private static String streams(List<List<SimulcastRid>> list) {
            List<String> out = new ArrayList<>();
            for (List<SimulcastRid> alts : list) {
                out.add(String.join(",", alts.stream().map(SimulcastRid::toString).toList()));
            }
            return String.join(";", out);
        }

        /** The first rid of each stream, the one a receiver uses. */
        public List<String> firstRids(boolean sendSide) {
            return (sendSide ? send : recv).stream().map(a -> a.get(0).rid()).toList();
        }
    }

    /** Any other attribute, as written. */
    record Other(String name, String value) implements SdpAttribute {
        public String attributeName() {
            return name;
        }

        public String attributeValue() {
            return value;
        }
    }
}
