package io.livegate.whip.session;

import io.livegate.media.Codec;
import io.livegate.rtc.ice.IceCandidate;
import io.livegate.rtc.sdp.AnswerOptions;
import io.livegate.rtc.sdp.Candidate;
import io.livegate.rtc.sdp.CodecPreference;
import io.livegate.rtc.sdp.Direction;
import io.livegate.rtc.sdp.ExtensionUri;
import io.livegate.rtc.sdp.MediaDescription;
import io.livegate.rtc.sdp.NegotiatedMedia;
import io.livegate.rtc.sdp.SdpAnswer;
import io.livegate.rtc.sdp.SdpAnswerer;
import io.livegate.rtc.sdp.SdpAttribute;
import io.livegate.rtc.sdp.SdpException;
import io.livegate.rtc.sdp.SessionDescription;
import io.livegate.rtc.signaling.IceAttributes;
import io.livegate.whip.session.WhipException.Reason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the WHIP answer (RFC 9725 4.2, RFC 8829 5.3): recvonly, ICE-lite, DTLS passive to actpass.
 *
 * <p>Codecs by preference: H.264 with packetization-mode 1, Constrained Baseline then Baseline, Main and High
 * (whichever of them the offer holds, in that order; then any other H.264 profile), then H.265, AV1, VP9, VP8;
 * Opus for audio (its fmtp, useinbandfec included, is echoed). RTX, NACK, PLI, FIR and transport-cc are accepted
 * when offered. Simulcast is refused: rid and simulcast lines are taken out of the offer before answering, so the
 * answer has no {@code a=simulcast} and the publisher falls back to one encoding (RFC 8853 5.3; JSEP 5.10 makes it
 * the first listed).
 */
public final class WhipAnswers {

    private WhipAnswers() {
    }

    /** rtcp-fb we act on. goog-remb is left out: with transport-cc the sender needs no REMB, and we send none. */
    public static final Set<String> FEEDBACK = Set.of("nack", "nack pli", "ccm fir", "transport-cc");

    /** Header extensions we read (transport-cc, mid) or tolerate. */
    public static final Set<String> EXTENSIONS = Set.of(ExtensionUri.MID, ExtensionUri.TRANSPORT_CC,
            ExtensionUri.ABS_SEND_TIME, ExtensionUri.AUDIO_LEVEL);

    /** Our codec preferences, audio and video mixed, best first. */
    public static final List<CodecPreference> PREFERENCES = List.of(
            h264("42e01f"), h264("42001f"), h264("4d001f"), h264("64001f"),
            CodecPreference.exactly(Codec.H264, Map.of("packetization-mode", "1")),
            CodecPreference.any(Codec.H265), CodecPreference.any(Codec.AV1), CodecPreference.any(Codec.VP9),
            CodecPreference.any(Codec.VP8), CodecPreference.any(Codec.OPUS));

    private static CodecPreference h264(String profileLevelId) {
        return CodecPreference.exactly(Codec.H264, Map.of("profile-level-id", profileLevelId,
                "packetization-mode", "1"));
    }

    /** The offer's ICE credentials and fingerprint, needed before the transport (and our answer) exists. */
    public record RemoteIdentity(String ufrag, String pwd, String fingerprint) {
    }

    /**
     * What the answer agreed.
     *
     * @param answer the SDP answer
     * @param tracks the accepted sections we receive, in offer order (at most {@code maxTracks})
     */
    public record Plan(SdpAnswer answer, List<NegotiatedMedia> tracks) {
        public Plan {
            tracks = List.copyOf(tracks);
        }
    }

    /** @throws WhipException BAD_OFFER when ICE credentials or the fingerprint are missing */
    public static RemoteIdentity remoteIdentity(SessionDescription offer) throws WhipException {
        IceAttributes.RemoteIdentity id;
        try {
            id = IceAttributes.remote(offer);
        } catch (IllegalArgumentException e) {
            throw new WhipException(Reason.BAD_OFFER, e.getMessage());
        }
        if (id.setup() == SdpAttribute.SetupRole.PASSIVE) {
            // RFC 8842 5.3: the offerer must say actpass; we are the DTLS server.
            throw new WhipException(Reason.BAD_OFFER, "offer says a=setup:passive; a WHIP offer must be actpass");
        }
        return new RemoteIdentity(id.ufrag(), id.pwd(), id.fingerprint());
    }

    /** Our host candidates as SDP attributes. */
    public static List<Candidate> candidates(List<IceCandidate> local) {
        return IceAttributes.candidates(local);
    }

    /**
     * Answers the offer.
     *
     * @param base      our ICE credentials, fingerprint, candidates and session id (codecs, feedback and extensions
     *                  are replaced by ours)
     * @param maxTracks media sections past this many are rejected (port 0)
     * @throws WhipException BAD_OFFER when the offer is malformed or has no section we can receive
     */
    public static Plan answer(SessionDescription offer, AnswerOptions base, int maxTracks) throws WhipException {
        SessionDescription cleaned = withoutSimulcast(offer, maxTracks);
        AnswerOptions opts = new AnswerOptions(Direction.RECVONLY, base.iceUfrag(), base.icePwd(), base.fingerprint(),
                SdpAttribute.SetupRole.PASSIVE,
                true, base.candidates(), PREFERENCES, FEEDBACK, EXTENSIONS, Map.of(), base.sessionId());
        SdpAnswer answer;
        try {
            answer = SdpAnswerer.answer(cleaned, opts);
        } catch (SdpException e) {
            if (e.reason() == SdpException.Reason.NO_COMMON_CODEC) {
                throw new WhipException(Reason.BAD_OFFER, noUsableTrack(offer));
            }
            throw new WhipException(Reason.BAD_OFFER, "bad offer: " + e.getMessage());
        } catch (RuntimeException e) {
            // A value the parser let through but the answerer cannot use (e.g. a malformed fmtp number).
            throw new WhipException(Reason.BAD_OFFER, "bad offer: " + e);
        }
        List<NegotiatedMedia> tracks = new ArrayList<>();
        for (NegotiatedMedia m : answer.media()) {
            if (m.accepted() && m.direction().receives() && m.codec() != null) {
                tracks.add(m);
            }
        }
        if (tracks.isEmpty()) {
            throw new WhipException(Reason.BAD_OFFER, noUsableTrack(offer));
        }
        return new Plan(answer, tracks);
    }

    /**
     * The offer without rid and simulcast lines (we take one encoding), and with sections past {@code maxTracks}
     * turned into rejected ones (port 0, not bundle-only), so the answerer refuses them.
     */
    static SessionDescription withoutSimulcast(SessionDescription offer, int maxTracks) {
        List<MediaDescription> media = new ArrayList<>();
        int rtp = 0;
        for (MediaDescription m : offer.media()) {
            List<SdpAttribute> attrs = new ArrayList<>();
            boolean media0 = m.media().equals("audio") || m.media().equals("video");
            boolean over = media0 && rtp >= maxTracks;
            if (media0 && (m.port() != 0 || m.has("bundle-only"))) {
                rtp++;
            }
            for (SdpAttribute a : m.attributes()) {
                if (a instanceof SdpAttribute.Rid || a instanceof SdpAttribute.Simulcast
                        || (over && a.attributeName().equals("bundle-only"))) {
                    continue;
                }
                attrs.add(a);
            }
            media.add(new MediaDescription(m.media(), over ? 0 : m.port(), m.portCount(), m.protocol(), m.formats(),
                    m.connection(), m.bandwidths(), m.otherLines(), attrs));
        }
        return new SessionDescription(offer.version(), offer.origin(), offer.sessionName(), offer.connection(),
                offer.bandwidths(), offer.timings(), offer.otherLines(), offer.attributes(), media);
    }

    private static String noUsableTrack(SessionDescription offer) {
        Set<String> offered = new LinkedHashSet<>();
        Set<String> directions = new LinkedHashSet<>();
        for (MediaDescription m : offer.media()) {
            directions.add(m.media() + ":" + m.direction().attributeName());
            for (SdpAttribute.RtpMap r : m.attributes(SdpAttribute.RtpMap.class)) {
                String n = r.encodingName().toUpperCase(Locale.ROOT);
                if (!n.equals("RTX") && !n.equals("RED") && !n.equals("ULPFEC") && !n.equals("FLEXFEC-03")) {
                    offered.add(n);
                }
            }
        }
        return "no usable track: we receive H264 (packetization-mode=1), H265, AV1, VP9, VP8 video and Opus audio "
                + "from sendonly/sendrecv sections; the offer has " + directions + " with " + offered;
    }
}
