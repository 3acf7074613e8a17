package io.livegate.rtc.sdp;

import io.livegate.media.Codec;
import io.livegate.rtc.sdp.SdpAttribute.ExtMap;
import io.livegate.rtc.sdp.SdpAttribute.Fingerprint;
import io.livegate.rtc.sdp.SdpAttribute.Fmtp;
import io.livegate.rtc.sdp.SdpAttribute.Group;
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
import io.livegate.rtc.sdp.SdpAttribute.Ssrc;
import io.livegate.rtc.sdp.SdpAttribute.SsrcGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Answers a browser's offer as a server (RFC 3264 6, RFC 8829 5.3): per media section one codec from the
 * offer by our preference, with its RTX pair, the rtcp-fb and header extension intersections, the answer
 * direction, our ICE credentials, candidates, fingerprint and DTLS role. Payload types and extension ids
 * are the offerer's, so both directions use the same numbers.
 */
public final class SdpAnswerer {

    private SdpAnswerer() {
    }

    /**
     * @throws SdpException MISSING when the offer lacks ICE credentials or a fingerprint, NO_COMMON_CODEC when
     *                      no media section can be accepted
     */
    public static SdpAnswer answer(SessionDescription offer, AnswerOptions o) {
        if (offer.media().isEmpty()) {
            throw new SdpException(SdpException.Reason.MISSING, "offer without media sections");
        }
        List<String> bundle = offer.bundleMids();
        MediaDescription first = bundle.isEmpty() ? offer.media().get(0) : offer.media(bundle.get(0));
        if (first == null) {
            first = offer.media().get(0);
        }
        String ufrag = offer.iceUfrag(first);
        String pwd = offer.icePwd(first);
        Fingerprint fingerprint = offer.fingerprint(first);
        if (ufrag == null || pwd == null || fingerprint == null) {
            throw new SdpException(SdpException.Reason.MISSING, "offer without ice-ufrag, ice-pwd or fingerprint");
        }
        Setup remoteSetup = offer.setup(first);
        SetupRole ours = switch (remoteSetup == null ? SetupRole.ACTPASS : remoteSetup.role()) {
            case ACTPASS -> o.setup();
            case ACTIVE -> SetupRole.PASSIVE;
            case PASSIVE -> SetupRole.ACTIVE;
            case HOLDCONN -> throw new SdpException(SdpException.Reason.MISSING, "offer with a=setup:holdconn");
        };

        List<NegotiatedMedia> results = new ArrayList<>();
        List<MediaDescription> sections = new ArrayList<>();
        Set<Candidate> remoteCandidates = new LinkedHashSet<>();
        for (MediaDescription m : offer.media()) {
            remoteCandidates.addAll(m.candidates());
            Section s = section(m, o, ours);
            results.add(s.result);
            sections.add(s.answer);
        }
        if (results.stream().noneMatch(NegotiatedMedia::accepted)) {
            throw new SdpException(SdpException.Reason.NO_COMMON_CODEC, "no offered media section has a codec among "
                    + o.codecs().stream().map(CodecPreference::codec).toList());
        }

        List<SdpAttribute> session = new ArrayList<>();
        if (!bundle.isEmpty()) {
            List<String> mids = new ArrayList<>();
            for (String mid : bundle) {
                for (NegotiatedMedia r : results) {
                    if (r.accepted() && mid.equals(r.mid())) {
                        mids.add(mid);
                    }
                }
            }
            session.add(new Group("BUNDLE", mids));
        }
        if (o.iceLite()) {
            session.add(new Other("ice-lite", null));
        }
        if (offer.has("extmap-allow-mixed")) {
            session.add(new Other("extmap-allow-mixed", null));
        }
        session.add(new Other("msid-semantic", " WMS *"));
        SessionDescription sdp = new SessionDescription(0, Origin.of(o.sessionId(), 2), "-", null, List.of(),
                List.of("0 0"), List.of(), session, sections);
        return new SdpAnswer(sdp, results, ufrag, pwd, fingerprint, ours == SetupRole.ACTIVE,
                List.copyOf(remoteCandidates));
    }

    private record Section(NegotiatedMedia result, MediaDescription answer) {
    }

    private static Section section(MediaDescription m, AnswerOptions o, SetupRole ours) {
        String kind = m.media();
        String mid = m.mid();
        boolean rtpMedia = (kind.equals("audio") || kind.equals("video")) && m.protocol().contains("RTP")
                && (m.port() != 0 || m.has("bundle-only"));
        Direction dir = Direction.of(o.direction().sends() && m.direction().receives(),
                o.direction().receives() && m.direction().sends());
        NegotiatedCodec codec = rtpMedia ? chooseCodec(m, kind, o.codecs(), dir.sends()) : null;
        if (codec == null) {
            return rejected(m, mid, kind);
        }

        Set<String> feedback = new LinkedHashSet<>();
        for (RtcpFb f : m.rtcpFeedback(codec.payloadType())) {
            if (o.feedback().contains(f.feedback())) {
                feedback.add(f.feedback());
            }
        }
        Map<String, Integer> extensions = new LinkedHashMap<>();
        List<ExtMap> extMaps = new ArrayList<>();
        Simulcast offeredSimulcast = m.attribute(Simulcast.class);
        boolean simulcast = offeredSimulcast != null && !offeredSimulcast.send().isEmpty() && dir.receives();
        for (ExtMap e : m.extMaps()) {
            boolean ridExt = e.uri().equals(ExtensionUri.RID) || e.uri().equals(ExtensionUri.REPAIRED_RID);
            if (o.extensions().contains(e.uri()) && !extensions.containsKey(e.uri()) && (simulcast || !ridExt)) {
                extensions.put(e.uri(), e.id());
                extMaps.add(new ExtMap(e.id(), e.direction() == null ? null : e.direction().reverse(), e.uri(), null));
            }
        }

        List<Long> remoteSsrcs = new ArrayList<>();
        for (Ssrc s : m.attributes(Ssrc.class)) {
            if (!remoteSsrcs.contains(s.ssrc())) {
                remoteSsrcs.add(s.ssrc());
            }
        }
        Map<Long, Long> rtxSsrcs = new LinkedHashMap<>();
        for (SsrcGroup g : m.attributes(SsrcGroup.class)) {
            if (g.semantics().equals("FID") && g.ssrcs().size() == 2) {
                rtxSsrcs.put(g.ssrcs().get(0), g.ssrcs().get(1));
            }
        }
        Msid remoteMsid = m.attribute(Msid.class);
        String remoteStream = remoteMsid != null ? remoteMsid.streamId() : null;
        if (remoteStream == null) {
            for (Ssrc s : m.attributes(Ssrc.class)) {
                if (s.attribute().equals("msid") && s.value() != null) {
                    remoteStream = s.value().split(" ")[0];
                    break;
                }
            }
        }
        List<String> rids = simulcast ? offeredSimulcast.firstRids(true) : List.of();

        List<SdpAttribute> a = new ArrayList<>();
        a.add(new IceUfrag(o.iceUfrag()));
        a.add(new IcePwd(o.icePwd()));
        a.add(o.fingerprint());
        a.add(new Setup(ours));
        if (mid != null) {
            a.add(new Mid(mid));
        }
        a.addAll(extMaps);
        a.add(dir);
        AnswerOptions.LocalTrack local = dir.sends() ? o.localTracks().get(kind) : null;
        if (local != null) {
            a.add(new Msid(local.streamId(), local.trackId()));
        }
        if (m.has("rtcp-mux")) {
            a.add(new Other("rtcp-mux", null));
        }
        if (m.has("rtcp-rsize")) {
            a.add(new Other("rtcp-rsize", null));
        }
        RtpMap offeredMap = m.rtpMap(codec.payloadType());
        a.add(offeredMap);
        for (String f : feedback) {
            int sp = f.indexOf(' ');
            a.add(new RtcpFb(Integer.toString(codec.payloadType()), sp < 0 ? f : f.substring(0, sp),
                    sp < 0 ? null : f.substring(sp + 1)));
        }
        Fmtp fmtp = m.fmtp(codec.payloadType());
        if (fmtp != null) {
            a.add(fmtp);
        }
        List<String> formats = new ArrayList<>(List.of(Integer.toString(codec.payloadType())));
        if (codec.hasRtx()) {
            formats.add(Integer.toString(codec.rtxPayloadType()));
            a.add(m.rtpMap(codec.rtxPayloadType()));
            a.add(new Fmtp(Integer.toString(codec.rtxPayloadType()), "apt=" + codec.payloadType()));
        }
        if (simulcast) {
            for (Rid r : m.attributes(Rid.class)) {
                if (r.direction().equals("send")) {
                    a.add(new Rid(r.id(), "recv", null));
                }
            }
            a.add(new Simulcast(List.of(), offeredSimulcast.send()));
        }
        if (local != null) {
            String msid = local.streamId() + " " + local.trackId();
            if (codec.hasRtx() && local.rtxSsrc() != 0) {
                a.add(new SsrcGroup("FID", List.of(local.ssrc(), local.rtxSsrc())));
            }
            a.add(new Ssrc(local.ssrc(), "cname", local.cname()));
            a.add(new Ssrc(local.ssrc(), "msid", msid));
            if (codec.hasRtx() && local.rtxSsrc() != 0) {
                a.add(new Ssrc(local.rtxSsrc(), "cname", local.cname()));
                a.add(new Ssrc(local.rtxSsrc(), "msid", msid));
            }
        }
        a.addAll(o.candidates());
        if (!o.candidates().isEmpty()) {
            a.add(new Other("end-of-candidates", null));
        }
        int port = 9;
        String connection = "IN IP4 0.0.0.0";
        if (!o.candidates().isEmpty()) {
            Candidate c = o.candidates().get(0);
            port = c.port();
            connection = (c.address().indexOf(':') >= 0 ? "IN IP6 " : "IN IP4 ") + c.address();
        }
        MediaDescription answer = new MediaDescription(kind, port, 0, m.protocol(), formats, connection, List.of(),
                List.of(), a);
        NegotiatedMedia result = new NegotiatedMedia(mid, kind, true, dir, codec, feedback, extensions, remoteSsrcs,
                rtxSsrcs, rids, remoteStream);
        return new Section(result, answer);
    }

    private static Section rejected(MediaDescription m, String mid, String kind) {
        List<SdpAttribute> a = mid == null ? List.of() : List.of(new Mid(mid));
        List<String> formats = m.formats().isEmpty() ? List.of("0") : List.of(m.formats().get(0));
        MediaDescription answer = new MediaDescription(kind, 0, 0, m.protocol(), formats, "IN IP4 0.0.0.0", List.of(),
                List.of(), a);
        return new Section(new NegotiatedMedia(mid, kind, false, Direction.INACTIVE, null, Set.of(), Map.of(),
                List.of(), Map.of(), List.of(), null), answer);
    }

    /** The first preference that some offered format satisfies; null when none does. */
    static NegotiatedCodec chooseCodec(MediaDescription m, String kind, List<CodecPreference> prefs, boolean sends) {
        for (CodecPreference pref : prefs) {
            Codec c = pref.codec();
            if (!c.kind().name().toLowerCase(Locale.ROOT).equals(kind)) {
                continue;
            }
            int clock = c == Codec.OPUS ? 48_000 : 90_000;
            List<Integer> exact = new ArrayList<>();
            List<Integer> loose = new ArrayList<>();
            for (int pt : m.payloadTypes()) {
                RtpMap rm = m.rtpMap(pt);
                if (rm == null || !rm.encodingName().equalsIgnoreCase(CodecPreference.encodingName(c))
                        || rm.clockRate() != clock) {
                    continue;
                }
                Map<String, String> params = parameters(m, pt);
                if (c == Codec.H264) {
                    String pm = params.getOrDefault("packetization-mode", "0");
                    // Mode 2 (interleaved) is not implemented; sending needs FU-A, i.e. mode 1.
                    if (!(pm.equals("1") || (pm.equals("0") && !sends))) {
                        continue;
                    }
                }
                (matches(pref, params) ? exact : loose).add(pt);
            }
            List<Integer> order = new ArrayList<>(preferMode1(m, c, exact));
            if (!pref.strict()) {
                order.addAll(preferMode1(m, c, loose));
            }
            if (!order.isEmpty()) {
                int pt = order.get(0);
                RtpMap rm = m.rtpMap(pt);
                return new NegotiatedCodec(c, pt, rm.clockRate(), rm.channels(), parameters(m, pt), rtxFor(m, pt));
            }
        }
        return null;
    }

    private static List<Integer> preferMode1(MediaDescription m, Codec c, List<Integer> pts) {
        if (c != Codec.H264) {
            return pts;
        }
        List<Integer> out = new ArrayList<>();
        for (int pt : pts) {
            if (parameters(m, pt).getOrDefault("packetization-mode", "0").equals("1")) {
                out.add(pt);
            }
        }
        for (int pt : pts) {
            if (!out.contains(pt)) {
                out.add(pt);
            }
        }
        return out;
    }

    private static Map<String, String> parameters(MediaDescription m, int pt) {
        Fmtp f = m.fmtp(pt);
        return f == null ? Map.of() : f.parameterMap();
    }

    static boolean matches(CodecPreference pref, Map<String, String> offered) {
        for (Map.Entry<String, String> want : pref.parameters().entrySet()) {
            String key = want.getKey().toLowerCase(Locale.ROOT);
            if (pref.codec() == Codec.H264 && key.equals("profile-level-id")) {
                H264ProfileLevelId w = H264ProfileLevelId.parse(want.getValue());
                String o = offered.get(key);
                H264ProfileLevelId have = o == null ? H264ProfileLevelId.DEFAULT : H264ProfileLevelId.parse(o);
                if (w == null || have == null || !w.sameProfile(have)) {
                    return false;
                }
                continue;
            }
            String have = offered.getOrDefault(key, defaultParameter(pref.codec(), key));
            if (have == null || !have.equalsIgnoreCase(want.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Values the payload format RFCs assume when a parameter is absent. */
    private static String defaultParameter(Codec codec, String key) {
        return switch (codec) {
            case H264 -> key.equals("packetization-mode") || key.equals("level-asymmetry-allowed") ? "0" : null;
            case VP9 -> key.equals("profile-id") ? "0" : null;
            case AV1 -> key.equals("profile") ? "0" : null;
            case H265 -> key.equals("profile-id") ? "1" : null;
            default -> null;
        };
    }

    private static int rtxFor(MediaDescription m, int pt) {
        for (int p : m.payloadTypes()) {
            RtpMap rm = m.rtpMap(p);
            if (rm != null && rm.encodingName().equalsIgnoreCase("rtx")
                    && Integer.toString(pt).equals(parameters(m, p).get("apt"))) {
                return p;
            }
        }
        return -1;
    }
}
