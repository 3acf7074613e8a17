package io.livegate.rtc.sdp;

import io.livegate.rtc.sdp.SdpAttribute.ExtMap;
import io.livegate.rtc.sdp.SdpAttribute.Fingerprint;
import io.livegate.rtc.sdp.SdpAttribute.Fmtp;
import io.livegate.rtc.sdp.SdpAttribute.Group;
import io.livegate.rtc.sdp.SdpAttribute.IceOptions;
import io.livegate.rtc.sdp.SdpAttribute.IcePwd;
import io.livegate.rtc.sdp.SdpAttribute.IceUfrag;
import io.livegate.rtc.sdp.SdpAttribute.Mid;
import io.livegate.rtc.sdp.SdpAttribute.Msid;
import io.livegate.rtc.sdp.SdpAttribute.Other;
import io.livegate.rtc.sdp.SdpAttribute.Rid;
import io.livegate.rtc.sdp.SdpAttribute.RtcpFb;
import io.livegate.rtc.sdp.SdpAttribute.RtpMap;
import io.livegate.rtc.sdp.SdpAttribute.Setup;
import io.livegate.rtc.sdp.SdpAttribute.SetupRole;
import io.livegate.rtc.sdp.SdpAttribute.Simulcast;
import io.livegate.rtc.sdp.SdpAttribute.SimulcastRid;
import io.livegate.rtc.sdp.SdpAttribute.Ssrc;
import io.livegate.rtc.sdp.SdpAttribute.SsrcGroup;
import io.livegate.rtc.sdp.SdpException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads one attribute line into its typed {@link SdpAttribute}, following each attribute's grammar. */
final class SdpAttributeParser {

    private SdpAttributeParser() {
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
