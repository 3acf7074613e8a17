package io.livegate.rtc.sdp;

import io.livegate.rtc.sdp.SdpAttribute.Fingerprint;
import io.livegate.rtc.sdp.SdpAttribute.Group;
import io.livegate.rtc.sdp.SdpAttribute.IcePwd;
import io.livegate.rtc.sdp.SdpAttribute.IceUfrag;
import io.livegate.rtc.sdp.SdpAttribute.Setup;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole SDP (RFC 8866 5): session lines, session attributes and media sections. Immutable; parse with
 * {@link #parse(String)}, write with {@link #write()}.
 *
 * @param version     the v= value (0)
 * @param sessionName the s= value ("-")
 * @param connection  the session c= value, or null
 * @param bandwidths  session b= values
 * @param timings     t= values ("0 0")
 * @param otherLines  other session lines as written, with their letter ("i=...", "u=...", "r=...")
 */
public record SessionDescription(int version, Origin origin, String sessionName, String connection,
                                 List<String> bandwidths, List<String> timings, List<String> otherLines,
                                 List<SdpAttribute> attributes, List<MediaDescription> media) {

    public SessionDescription {
        bandwidths = List.copyOf(bandwidths);
        timings = List.copyOf(timings);
        otherLines = List.copyOf(otherLines);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    public static SessionDescription parse(String sdp) {
        return SdpParser.parse(sdp, SdpLimits.DEFAULT);
    }

    public static SessionDescription parse(String sdp, SdpLimits limits) {
        return SdpParser.parse(sdp, limits);
    }

    /** The SDP text with CRLF line ends. */
    public String write() {
        StringBuilder sb = new StringBuilder(4096);
        line(sb, 'v', Integer.toString(version));
        line(sb, 'o', origin.value());
        line(sb, 's', sessionName);
        for (String l : otherLines) {
            sb.append(l).append("\r\n");
        }
        if (connection != null) {
            line(sb, 'c', connection);
        }
        for (String b : bandwidths) {
            line(sb, 'b', b);
        }
        for (String t : timings) {
            line(sb, 't', t);
        }
        writeBody(sb, attributes, media);
        return sb.toString();
    }

    @Override
    public String toString() {
        return write();
    }

    /** Session attributes and media sections: what a full SDP and an SDP fragment share. */
    static void writeBody(StringBuilder sb, List<SdpAttribute> attributes, List<MediaDescription> media) {
        for (SdpAttribute a : attributes) {
            line(sb, 'a', a.line());
        }
        for (MediaDescription m : media) {
            line(sb, 'm', m.mLine());
            for (String l : m.otherLines()) {
                sb.append(l).append("\r\n");
            }
            if (m.connection() != null) {
                line(sb, 'c', m.connection());
            }
            for (String b : m.bandwidths()) {
                line(sb, 'b', b);
            }
            for (SdpAttribute a : m.attributes()) {
                line(sb, 'a', a.line());
            }
        }
    }

    private static void line(StringBuilder sb, char type, String value) {
        sb.append(type).append('=').append(value).append("\r\n");
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

    public <T extends SdpAttribute> T attribute(Class<T> type) {
        List<T> all = attributes(type);
        return all.isEmpty() ? null : all.get(0);
    }

    public boolean has(String name) {
        for (SdpAttribute a : attributes) {
            if (a.attributeName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The BUNDLE group's mids, empty when there is none. */
    public List<String> bundleMids() {
        for (Group g : attributes(Group.class)) {
            if (g.semantics().equals("BUNDLE")) {
                return g.ids();
            }
        }
        return List.of();
    }

    /** A media-level attribute, falling back to the session level (ICE and DTLS attributes may be in either). */
    public <T extends SdpAttribute> T attribute(MediaDescription m, Class<T> type) {
        T v = m.attribute(type);
        return v != null ? v : attribute(type);
    }

    public String iceUfrag(MediaDescription m) {
        IceUfrag u = attribute(m, IceUfrag.class);
        return u == null ? null : u.ufrag();
    }

    public String icePwd(MediaDescription m) {
        IcePwd p = attribute(m, IcePwd.class);
        return p == null ? null : p.password();
    }

    public Fingerprint fingerprint(MediaDescription m) {
        return attribute(m, Fingerprint.class);
    }

    public Setup setup(MediaDescription m) {
        return attribute(m, Setup.class);
    }

    /** The media section with this mid, or null. */
    public MediaDescription media(String mid) {
        for (MediaDescription m : media) {
            if (mid.equals(m.mid())) {
                return m;
            }
        }
        return null;
    }
}
