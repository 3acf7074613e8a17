package io.livegate.rtc.sdp;

import io.livegate.rtc.sdp.OfferOptions.OfferedCodec;
import io.livegate.rtc.sdp.OfferOptions.Section;
import io.livegate.rtc.sdp.SdpAttribute.ExtMap;
import io.livegate.rtc.sdp.SdpAttribute.Fingerprint;
import io.livegate.rtc.sdp.SdpAttribute.Fmtp;
import io.livegate.rtc.sdp.SdpAttribute.Group;
import io.livegate.rtc.sdp.SdpAttribute.IcePwd;
import io.livegate.rtc.sdp.SdpAttribute.IceUfrag;
import io.livegate.rtc.sdp.SdpAttribute.Mid;
import io.livegate.rtc.sdp.SdpAttribute.Msid;
import io.livegate.rtc.sdp.SdpAttribute.Other;
import io.livegate.rtc.sdp.SdpAttribute.RtcpFb;
import io.livegate.rtc.sdp.SdpAttribute.RtpMap;
import io.livegate.rtc.sdp.SdpAttribute.Setup;
import io.livegate.rtc.sdp.SdpAttribute.SetupRole;
import io.livegate.rtc.sdp.SdpAttribute.Ssrc;
import io.livegate.rtc.sdp.SdpAttribute.SsrcGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server-offer side (RFC 3264 5 and 7, RFC 8829 5.2): writes our offer, then reads the client's answer
 * into the same {@link SdpAnswer} shape {@link SdpAnswerer} produces, so the session code has one path.
 */
public final class SdpOfferer {

    private SdpOfferer() {
    }

    public static SessionDescription offer(OfferOptions o) {
        List<MediaDescription> media = new ArrayList<>();
        List<String> mids = new ArrayList<>();
        for (Section s : o.sections()) {
            mids.add(s.mid());
            List<SdpAttribute> a = new ArrayList<>();
            a.add(new IceUfrag(o.iceUfrag()));
            a.add(new IcePwd(o.icePwd()));
            a.add(o.fingerprint());
            a.add(new Setup(SetupRole.ACTPASS));
            a.add(new Mid(s.mid()));
            for (Map.Entry<String, Integer> e : s.extensions().entrySet()) {
                a.add(new ExtMap(e.getValue(), null, e.getKey(), null));
            }
            a.add(s.direction());
            if (s.track() != null) {
                a.add(new Msid(s.track().streamId(), s.track().trackId()));
            }
            a.add(new Other("rtcp-mux", null));
            a.add(new Other("rtcp-rsize", null));
            List<String> formats = new ArrayList<>();
            boolean rtx = false;
            for (OfferedCodec c : s.codecs()) {
                String pt = Integer.toString(c.payloadType());
                formats.add(pt);
                a.add(new RtpMap(c.payloadType(), CodecPreference.encodingName(c.codec()), c.clockRate(), c.channels()));
                for (String f : c.feedback().stream().sorted().toList()) {
                    int sp = f.indexOf(' ');
                    a.add(new RtcpFb(pt, sp < 0 ? f : f.substring(0, sp), sp < 0 ? null : f.substring(sp + 1)));
                }
                if (c.fmtp() != null) {
                    a.add(new Fmtp(pt, c.fmtp()));
                }
                if (c.rtxPayloadType() >= 0) {
                    rtx = true;
                    formats.add(Integer.toString(c.rtxPayloadType()));
                    a.add(new RtpMap(c.rtxPayloadType(), "rtx", c.clockRate(), 0));
                    a.add(new Fmtp(Integer.toString(c.rtxPayloadType()), "apt=" + pt));
                }
            }
            if (s.track() != null) {
                AnswerOptions.LocalTrack t = s.track();
                String msid = t.streamId() + " " + t.trackId();
                if (rtx && t.rtxSsrc() != 0) {
                    a.add(new SsrcGroup("FID", List.of(t.ssrc(), t.rtxSsrc())));
                }
                a.add(new Ssrc(t.ssrc(), "cname", t.cname()));
                a.add(new Ssrc(t.ssrc(), "msid", msid));
                if (rtx && t.rtxSsrc() != 0) {
                    a.add(new Ssrc(t.rtxSsrc(), "cname", t.cname()));
                    a.add(new Ssrc(t.rtxSsrc(), "msid", msid));
                }
            }
            a.addAll(o.candidates());
            if (!o.candidates().isEmpty()) {
                a.add(new Other("end-of-candidates", null));
            }
            int port = o.candidates().isEmpty() ? 9 : o.candidates().get(0).port();
            String conn = o.candidates().isEmpty() ? "IN IP4 0.0.0.0"
                    : (o.candidates().get(0).address().indexOf(':') >= 0 ? "IN IP6 " : "IN IP4 ")
                    + o.candidates().get(0).address();
            media.add(new MediaDescription(s.kind(), port, 0, "UDP/TLS/RTP/SAVPF", formats, conn, List.of(), List.of(), a));
        }
        List<SdpAttribute> session = new ArrayList<>();
        session.add(new Group("BUNDLE", mids));
        if (o.iceLite()) {
            session.add(new Other("ice-lite", null));
        }
        session.add(new Other("msid-semantic", " WMS *"));
        return new SessionDescription(0, Origin.of(o.sessionId(), 2), "-", null, List.of(), List.of("0 0"), List.of(),
                session, media);
    }

    /**
     * Reads the client's answer to our offer.
     *
     * @throws SdpException MISSING without ICE credentials or fingerprint, NO_COMMON_CODEC when every section
     *                      was rejected
     */
    public static SdpAnswer accept(SessionDescription ourOffer, SessionDescription answer) {
        if (answer.media().size() != ourOffer.media().size()) {
            throw new SdpException(SdpException.Reason.MISSING, "answer has " + answer.media().size()
                    + " sections, the offer " + ourOffer.media().size());
        }
        MediaDescription first = answer.media().get(0);
        String ufrag = answer.iceUfrag(first);
        String pwd = answer.icePwd(first);
        Fingerprint fp = answer.fingerprint(first);
        Setup setup = answer.setup(first);
        if (ufrag == null || pwd == null || fp == null) {
            throw new SdpException(SdpException.Reason.MISSING, "answer without ice-ufrag, ice-pwd or fingerprint");
        }
        boolean dtlsClient = setup != null && setup.role() == SetupRole.PASSIVE;
        List<NegotiatedMedia> out = new ArrayList<>();
        Set<Candidate> candidates = new LinkedHashSet<>();
        for (int i = 0; i < answer.media().size(); i++) {
            MediaDescription ours = ourOffer.media().get(i);
            MediaDescription theirs = answer.media().get(i);
            candidates.addAll(theirs.candidates());
            out.add(section(ours, theirs));
        }
        if (out.stream().noneMatch(NegotiatedMedia::accepted)) {
            throw new SdpException(SdpException.Reason.NO_COMMON_CODEC, "the answer rejected every section");
        }
        return new SdpAnswer(answer, out, ufrag, pwd, fp, dtlsClient, List.copyOf(candidates));
    }

    private static NegotiatedMedia section(MediaDescription ours, MediaDescription theirs) {
        String mid = ours.mid();
        NegotiatedCodec codec = null;
        if (theirs.port() != 0 || theirs.has("bundle-only")) {
            for (int pt : theirs.payloadTypes()) {
                RtpMap mine = ours.rtpMap(pt);
                if (mine == null || mine.encodingName().equalsIgnoreCase("rtx")) {
                    continue;
                }
                io.livegate.media.Codec c = codecOf(mine.encodingName());
                if (c == null) {
                    continue;
                }
                Fmtp f = ours.fmtp(pt);
                int rtx = -1;
                for (int p : ours.payloadTypes()) {
                    Fmtp rf = ours.fmtp(p);
                    if (theirs.payloadTypes().contains(p) && rf != null && ("apt=" + pt).equals(rf.parameters())) {
                        rtx = p;
                    }
                }
                codec = new NegotiatedCodec(c, pt, mine.clockRate(), mine.channels(),
                        f == null ? Map.of() : f.parameterMap(), rtx);
                break;
            }
        }
        if (codec == null) {
            return new NegotiatedMedia(mid, ours.media(), false, Direction.INACTIVE, null, Set.of(), Map.of(), List.of(),
                    Map.of(), List.of(), null);
        }
        Set<String> offeredFb = new LinkedHashSet<>();
        for (RtcpFb f : ours.rtcpFeedback(codec.payloadType())) {
            offeredFb.add(f.feedback());
        }
        Set<String> feedback = new LinkedHashSet<>();
        for (RtcpFb f : theirs.rtcpFeedback(codec.payloadType())) {
            if (offeredFb.contains(f.feedback())) {
                feedback.add(f.feedback());
            }
        }
        Map<String, Integer> ext = new LinkedHashMap<>();
        for (ExtMap e : theirs.extMaps()) {
            if (ours.extMaps().stream().anyMatch(m -> m.uri().equals(e.uri()))) {
                ext.put(e.uri(), e.id());
            }
        }
        List<Long> ssrcs = new ArrayList<>();
        for (Ssrc s : theirs.attributes(Ssrc.class)) {
            if (!ssrcs.contains(s.ssrc())) {
                ssrcs.add(s.ssrc());
            }
        }
        Direction dir = Direction.of(ours.direction().sends() && theirs.direction().receives(),
                ours.direction().receives() && theirs.direction().sends());
        return new NegotiatedMedia(mid, ours.media(), true, dir, codec, feedback, ext, ssrcs, Map.of(), List.of(), null);
    }

    private static io.livegate.media.Codec codecOf(String encodingName) {
        for (io.livegate.media.Codec c : io.livegate.media.Codec.values()) {
            if (CodecPreference.encodingName(c).equalsIgnoreCase(encodingName)) {
                return c;
            }
        }
        return null;
    }
}
