package io.livegate.rtc.sdp;

import io.livegate.rtc.sdp.SdpAttribute.IcePwd;
import io.livegate.rtc.sdp.SdpAttribute.IceUfrag;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code application/trickle-ice-sdpfrag} body (RFC 8840 9, used by WHIP/WHEP PATCH): ICE credentials
 * (a new ufrag/pwd means an ICE restart), and per m= section (identified by mid) candidates and
 * end-of-candidates.
 */
public record SdpFragment(List<SdpAttribute> attributes, List<MediaDescription> media) {

    public SdpFragment {
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    public static SdpFragment parse(String body) {
        return SdpParser.parseFragment(body, SdpLimits.DEFAULT);
    }

    public static SdpFragment parse(String body, SdpLimits limits) {
        return SdpParser.parseFragment(body, limits);
    }

    /** The ufrag at session level, else in the first section that has one; null when absent. */
    public String iceUfrag() {
        for (SdpAttribute a : attributes) {
            if (a instanceof IceUfrag u) {
                return u.ufrag();
            }
        }
        for (MediaDescription m : media) {
            IceUfrag u = m.attribute(IceUfrag.class);
            if (u != null) {
                return u.ufrag();
            }
        }
        return null;
    }

    public String icePwd() {
        for (SdpAttribute a : attributes) {
            if (a instanceof IcePwd p) {
                return p.password();
            }
        }
        for (MediaDescription m : media) {
            IcePwd p = m.attribute(IcePwd.class);
            if (p != null) {
                return p.password();
            }
        }
        return null;
    }

    /** Every candidate in the fragment, in order. */
    public List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>();
        for (SdpAttribute a : attributes) {
            if (a instanceof Candidate c) {
                out.add(c);
            }
        }
        for (MediaDescription m : media) {
            out.addAll(m.candidates());
        }
        return out;
    }

    public boolean endOfCandidates() {
        return attributes.stream().anyMatch(a -> a.attributeName().equals("end-of-candidates"))
                || media.stream().anyMatch(m -> m.has("end-of-candidates"));
    }

    /** The fragment text (CRLF line ends). */
    public String write() {
        StringBuilder sb = new StringBuilder(1024);
        SessionDescription.writeBody(sb, attributes, media);
        return sb.toString();
    }
}
