package io.livegate.whep.session;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Track;
import io.livegate.rtc.ice.IceCandidate;
import io.livegate.rtc.sdp.AnswerOptions;
import io.livegate.rtc.sdp.AnswerOptions.LocalTrack;
import io.livegate.rtc.sdp.Candidate;
import io.livegate.rtc.sdp.CodecPreference;
import io.livegate.rtc.sdp.H264ProfileLevelId;
import io.livegate.rtc.sdp.MediaDescription;
import io.livegate.rtc.sdp.NegotiatedMedia;
import io.livegate.rtc.sdp.SdpAnswer;
import io.livegate.rtc.sdp.SdpAnswerer;
import io.livegate.rtc.sdp.SdpAttribute;
import io.livegate.rtc.sdp.SdpException;
import io.livegate.rtc.sdp.SessionDescription;
import io.livegate.rtc.signaling.IceAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the WHEP answer: the stream's codecs against the viewer's offer.
 *
 * <p>H.264: we prefer an offered format with the same profile as the stream's SPS, else any packetization-mode 1
 * format, and the answer carries the profile-level-id the viewer offered. Chromium offers no High profile id
 * but its decoder plays High, so a High stream goes out under the viewer's 42e01f/4d001f id rather than being
 * refused; a strict answer would refuse every RTMP stream from OBS or ffmpeg defaults.
 */
public final class WhepAnswers {

    private WhepAnswers() {
    }

    /** What the answer agreed: the SDP plus the first accepted audio and video sections (null when none). */
    public record Plan(SdpAnswer answer, NegotiatedMedia video, NegotiatedMedia audio) {
    }

    /** The offer's ICE credentials and fingerprint, needed before the transport (and our answer) exists. */
    public record RemoteIdentity(String ufrag, String pwd, String fingerprint, boolean weAreDtlsClient) {
    }

    /** Codec preferences for this stream: its video codec (H.264 by SPS profile), then Opus when it has audio. */
    public static List<CodecPreference> preferences(List<Track> tracks, boolean aacAsOpus) {
        List<CodecPreference> out = new ArrayList<>();
        for (Track t : tracks) {
            if (t.isVideo()) {
                if (t.codec() == Codec.H264 && t.parameters() instanceof CodecParameters.H264Parameters p
                        && !p.sps().isEmpty() && p.sps().get(0).length >= 4) {
                    H264ProfileLevelId id = H264ProfileLevelId.fromSps(p.sps().get(0));
                    out.add(new CodecPreference(Codec.H264, Map.of("profile-level-id", id.toString(),
                            "packetization-mode", "1"), false));
                } else {
                    out.add(CodecPreference.any(t.codec()));
                }
            } else if (t.codec() == Codec.OPUS || (t.codec() == Codec.AAC && aacAsOpus)) {
                out.add(CodecPreference.any(Codec.OPUS));
            }
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /** @throws WhepException BAD_OFFER when ICE credentials or the fingerprint are missing */
    public static RemoteIdentity remoteIdentity(SessionDescription offer) throws WhepException {
        IceAttributes.RemoteIdentity id;
        try {
            id = IceAttributes.remote(offer);
        } catch (IllegalArgumentException e) {
            throw new WhepException(WhepException.Reason.BAD_OFFER, e.getMessage());
        }
        return new RemoteIdentity(id.ufrag(), id.pwd(), id.fingerprint(), id.setup() == SdpAttribute.SetupRole.PASSIVE);
    }

    /** Our host candidates as SDP attributes. */
    public static List<Candidate> candidates(List<IceCandidate> local) {
        return IceAttributes.candidates(local);
    }

    /**
     * Answers the offer.
     *
     * @throws WhepException NO_COMMON_CODEC when the stream has video and the viewer shares no video codec with
     *                       it (audio alone would be a silent black picture), or shares nothing at all
     */
    public static Plan answer(SessionDescription offer, List<Track> tracks, boolean aacAsOpus,
                              AnswerOptions base, LocalTrack video, LocalTrack audio) throws WhepException {
        List<CodecPreference> prefs = preferences(tracks, aacAsOpus);
        Map<String, LocalTrack> locals = new LinkedHashMap<>();
        locals.put("video", video);
        locals.put("audio", audio);
        AnswerOptions opts = new AnswerOptions(base.direction(), base.iceUfrag(), base.icePwd(), base.fingerprint(),
                base.setup(), base.iceLite(), base.candidates(), prefs, base.feedback(), Set.of(), locals,
                base.sessionId());
        SdpAnswer answer;
        try {
            answer = SdpAnswerer.answer(offer, opts);
        } catch (SdpException e) {
            if (e.reason() == SdpException.Reason.NO_COMMON_CODEC) {
                throw new WhepException(WhepException.Reason.NO_COMMON_CODEC, noCommon(offer, tracks));
            }
            throw new WhepException(WhepException.Reason.BAD_OFFER, "bad offer: " + e.getMessage());
        } catch (RuntimeException e) {
            // A value the parser let through but the answerer cannot use (e.g. a malformed fmtp number).
            throw new WhepException(WhepException.Reason.BAD_OFFER, "bad offer: " + e);
        }
        NegotiatedMedia v = null;
        NegotiatedMedia a = null;
        for (NegotiatedMedia m : answer.media()) {
            if (m.accepted() && m.kind().equals("video") && v == null) {
                v = m;
            } else if (m.accepted() && m.kind().equals("audio") && a == null) {
                a = m;
            }
        }
        boolean streamHasVideo = tracks.stream().anyMatch(Track::isVideo);
        boolean offerWantsVideo = offer.media().stream().anyMatch(m -> m.media().equals("video"));
        // A viewer that asks for video but cannot decode ours gets a 409, not a silent black picture; one that
        // asks for audio only (a radio player) gets the audio.
        if (streamHasVideo && offerWantsVideo && v == null) {
            throw new WhepException(WhepException.Reason.NO_COMMON_CODEC, noCommon(offer, tracks));
        }
        return new Plan(answer, v, a);
    }

    private static String noCommon(SessionDescription offer, List<Track> tracks) {
        Set<String> offered = new LinkedHashSet<>();
        for (MediaDescription m : offer.media()) {
            for (SdpAttribute.RtpMap r : m.attributes(SdpAttribute.RtpMap.class)) {
                String n = r.encodingName().toUpperCase(Locale.ROOT);
                if (!n.equals("RTX") && !n.equals("RED") && !n.equals("ULPFEC") && !n.equals("FLEXFEC-03")) {
                    offered.add(n);
                }
            }
        }
        List<String> have = tracks.stream().map(t -> t.codec().name()).toList();
        return "no codec in common: the stream has " + have + ", the offer accepts " + offered
                + "; play it over HLS instead";
    }
}
