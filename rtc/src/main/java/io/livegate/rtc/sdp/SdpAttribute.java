package io.livegate.rtc.sdp;

import io.livegate.rtc.sdp.SdpException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** Parses the text after "a=". */
    static SdpAttribute parse(String line) {
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? null : line.substring(colon + 1);
        if (name.isEmpty()) {
            throw new SdpException(Reason.BAD_ATTRIBUTE, "attribute without a name: a=" + line);
        }
        if (value == null) {
            Direction d = Direction.fromName(name);
            return d != null ? d : new Other(name, null);
        }
        try {
            return switch (name) {
                case "group" -> {
                    String[] t = tokens(value, 1, name);
                    yield new Group(t[0], Arrays.asList(t).subList(1, t.length));
                }
                case "mid" -> new Mid(nonEmpty(value, name));
                case "rtpmap" -> rtpMap(value);
                case "fmtp" -> {
                    int sp = value.indexOf(' ');
                    if (sp <= 0) {
                        throw bad(name, value);
                    }
                    yield new Fmtp(value.substring(0, sp), value.substring(sp + 1));
                }
                case "rtcp-fb" -> {
                    String[] t = tokens(value, 2, name);
                    if (t.length > 3) {
                        throw bad(name, value);
                    }
                    yield new RtcpFb(t[0], t[1], t.length == 3 ? t[2] : null);
                }
                case "extmap" -> extMap(value);
                case "candidate" -> Candidate.parse(value);
                case "ice-ufrag" -> new IceUfrag(nonEmpty(value, name));
                case "ice-pwd" -> new IcePwd(nonEmpty(value, name));
                case "ice-options" -> new IceOptions(Arrays.asList(tokens(value, 1, name)));
                case "fingerprint" -> {
                    String[] t = tokens(value, 2, name);
                    if (t.length != 2) {
                        throw bad(name, value);
                    }
                    yield new Fingerprint(t[0].toLowerCase(Locale.ROOT), t[1]);
                }
                case "setup" -> new Setup(SetupRole.valueOf(value.trim().toUpperCase(Locale.ROOT)));
                case "ssrc" -> ssrc(value);
                case "ssrc-group" -> {
                    String[] t = tokens(value, 1, name);
                    List<Long> ssrcs = new ArrayList<>();
                    for (int i = 1; i < t.length; i++) {
                        ssrcs.add(u32(t[i], name));
                    }
                    yield new SsrcGroup(t[0], ssrcs);
                }
                case "msid" -> {
                    String[] t = tokens(value, 1, name);
                    if (t.length > 2) {
                        throw bad(name, value);
                    }
                    yield new Msid(t[0], t.length == 2 ? t[1] : null);
                }
                case "rid" -> {
                    String[] t = value.trim().split(" +", 3);
                    if (t.length < 2 || !(t[1].equals("send") || t[1].equals("recv")) || t[0].isEmpty()) {
                        throw bad(name, value);
                    }
                    yield new Rid(t[0], t[1], t.length == 3 ? t[2] : null);
                }
                case "simulcast" -> simulcast(value);
                default -> new Other(name, value);
            };
        } catch (IllegalArgumentException e) {
            throw bad(name, value);
        }
    }

    private static SdpException bad(String name, String value) {
        return new SdpException(Reason.BAD_ATTRIBUTE, "a=" + name + ":" + value);
    }

    private static String[] tokens(String value, int min, String name) {
        String v = value.trim();
        String[] t = v.isEmpty() ? new String[0] : v.split(" +");
        if (t.length < min) {
            throw bad(name, value);
        }
        return t;
    }

    private static String nonEmpty(String value, String name) {
        if (value.isEmpty() || value.indexOf(' ') >= 0) {
            throw bad(name, value);
        }
        return value;
    }

    static long u32(String s, String name) {
        long v = Long.parseLong(s);
        if (v < 0 || v > 0xFFFFFFFFL || !s.equals(Long.toString(v))) {
            throw bad(name, s);
        }
        return v;
    }

    static int intIn(String s, int min, int max, String name) {
        int v = Integer.parseInt(s);
        if (v < min || v > max || !s.equals(Integer.toString(v))) {
            throw bad(name, s);
        }
        return v;
    }

    private static RtpMap rtpMap(String value) {
        String[] t = tokens(value, 2, "rtpmap");
        String[] enc = t.length == 2 ? t[1].split("/", -1) : new String[0];
        if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
            throw bad("rtpmap", value);
        }
        return new RtpMap(intIn(t[0], 0, 127, "rtpmap"), enc[0], intIn(enc[1], 1, Integer.MAX_VALUE, "rtpmap"),
                enc.length == 3 ? intIn(enc[2], 1, 255, "rtpmap") : 0);
    }

    private static ExtMap extMap(String value) {
        String[] t = value.trim().split(" +", 3);
        if (t.length < 2) {
            throw bad("extmap", value);
        }
        String idPart = t[0];
        Direction dir = null;
        int slash = idPart.indexOf('/');
        if (slash >= 0) {
            dir = Direction.fromName(idPart.substring(slash + 1));
            if (dir == null) {
                throw bad("extmap", value);
            }
            idPart = idPart.substring(0, slash);
        }
        return new ExtMap(intIn(idPart, 1, 4095, "extmap"), dir, t[1], t.length == 3 ? t[2] : null);
    }

    private static Ssrc ssrc(String value) {
        String v = value.trim();
        int sp = v.indexOf(' ');
        if (sp <= 0 || sp == v.length() - 1) {
            throw bad("ssrc", value);
        }
        long ssrc = u32(v.substring(0, sp), "ssrc");
        String rest = v.substring(sp + 1);
        int colon = rest.indexOf(':');
        return colon < 0 ? new Ssrc(ssrc, rest, null) : new Ssrc(ssrc, rest.substring(0, colon), rest.substring(colon + 1));
    }

    private static Simulcast simulcast(String value) {
        String[] t = tokens(value, 2, "simulcast");
        List<List<SimulcastRid>> send = new ArrayList<>();
        List<List<SimulcastRid>> recv = new ArrayList<>();
        if (t.length != 2 && t.length != 4) {
            throw bad("simulcast", value);
        }
        for (int i = 0; i < t.length; i += 2) {
            List<List<SimulcastRid>> target = switch (t[i]) {
                case "send" -> send;
                case "recv" -> recv;
                default -> throw bad("simulcast", value);
            };
            if (!target.isEmpty()) {
                throw bad("simulcast", value);
            }
            for (String stream : t[i + 1].split(";", -1)) {
                List<SimulcastRid> alts = new ArrayList<>();
                for (String rid : stream.split(",", -1)) {
                    boolean paused = rid.startsWith("~");
                    String id = paused ? rid.substring(1) : rid;
                    if (id.isEmpty() || id.contains("~")) {
                        throw bad("simulcast", value);
                    }
                    alts.add(new SimulcastRid(id, paused));
                }
                target.add(alts);
            }
        }
        return new Simulcast(send, recv);
    }
}
