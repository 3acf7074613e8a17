package io.livegate.rtc.signaling;

import io.livegate.rtc.ice.IceCandidate;
import io.livegate.rtc.ice.IceTransportProtocol;
import io.livegate.rtc.sdp.Candidate;
import io.livegate.rtc.sdp.MediaDescription;
import io.livegate.rtc.sdp.SdpAttribute;
import io.livegate.rtc.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;

/** ICE and DTLS attributes between an offer, our answer and the transport. */
public final class IceAttributes {

    private IceAttributes() {
    }

    /**
     * The offer's ICE credentials, fingerprint and setup role, needed before the transport (and our answer) exists.
     *
     * @param setup the offer's {@code a=setup} role, or null when absent
     */
    public record RemoteIdentity(String ufrag, String pwd, String fingerprint, SdpAttribute.SetupRole setup) {
    }

    /**
     * Reads them from the first BUNDLE section, else the first section (RFC 8839 5.4, RFC 8842 5).
     *
     * @throws IllegalArgumentException when the offer has no section, or lacks ice-ufrag, ice-pwd or fingerprint
     */
    public static RemoteIdentity remote(SessionDescription offer) {
        if (offer.media().isEmpty()) {
            throw new IllegalArgumentException("offer has no media sections");
        }
        List<String> bundle = offer.bundleMids();
        MediaDescription first = bundle.isEmpty() ? null : offer.media(bundle.get(0));
        if (first == null) {
            first = offer.media().get(0);
        }
        String ufrag = offer.iceUfrag(first);
        String pwd = offer.icePwd(first);
        SdpAttribute.Fingerprint fp = offer.fingerprint(first);
        if (ufrag == null || pwd == null || fp == null) {
            throw new IllegalArgumentException("offer lacks ice-ufrag, ice-pwd or fingerprint");
        }
        SdpAttribute.Setup setup = offer.setup(first);
        return new RemoteIdentity(ufrag, pwd, fp.attributeValue(), setup == null ? null : setup.role());
    }

    /** Our host candidates as SDP attributes (RFC 8839 5.1; ICE-TCP ones passive, RFC 6544 4.5). */
    public static List<Candidate> candidates(List<IceCandidate> local) {
        List<Candidate> out = new ArrayList<>();
        for (IceCandidate c : local) {
            boolean tcp = c.protocol() == IceTransportProtocol.TCP;
            out.add(Candidate.host(c.foundation(), tcp ? "tcp" : "udp", c.priority(),
                    c.address().getAddress().getHostAddress(), c.address().getPort(), tcp ? "passive" : null));
        }
        return out;
    }
}
