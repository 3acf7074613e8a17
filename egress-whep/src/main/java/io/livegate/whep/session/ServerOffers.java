package io.livegate.whep.session;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Track;
import io.livegate.rtc.dtls.DtlsFingerprint;
import io.livegate.rtc.ice.IceCredentials;
import io.livegate.rtc.sdp.AnswerOptions.LocalTrack;
import io.livegate.rtc.sdp.Candidate;
import io.livegate.rtc.sdp.H264ProfileLevelId;
import io.livegate.rtc.sdp.NegotiatedMedia;
import io.livegate.rtc.sdp.SdpAnswer;
import io.livegate.rtc.sdp.SdpException;
import io.livegate.rtc.sdp.SdpLimits;
import io.livegate.rtc.sdp.OfferOptions;
import io.livegate.rtc.sdp.SdpAttribute;
import io.livegate.rtc.sdp.SdpOfferer;
import io.livegate.rtc.sdp.SessionDescription;
import io.livegate.rtc.transport.WebRtcTransport;
import java.util.List;

/**
 * Our offer for a WHEP player that POSTs none (draft-murillo-whep-01 §4.2): sendonly video for the stream's first
 * video codec and sendonly Opus when the stream has Opus (or AAC we transcode). H.264 goes out under the stream's
 * profile-level-id with a Constrained Baseline (42e01f) payload type as a fallback carrying the same bitstream:
 * Chromium refuses a section that offers only High but decodes High (see {@link WhepAnswers}).
 */
public final class ServerOffers {

    private ServerOffers() {
    }

    /** What the player's answer agreed: the first accepted video and audio sections (null when none). */
    public record Agreed(SdpAnswer answer, NegotiatedMedia video, NegotiatedMedia audio) {
    }

    /** Our offer with the credentials and fingerprint of the session's pending transport. */
    public static SessionDescription offer(List<Track> tracks, boolean aacAsOpus, WebRtcTransport transport,
                                           List<Candidate> candidates, LocalTrack video, LocalTrack audio,
                                           long sessionId) {
        return offer(tracks, aacAsOpus, transport.localIceCredentials(), transport.localFingerprint(), candidates,
                video, audio, sessionId);
    }

    public static SessionDescription offer(List<Track> tracks, boolean aacAsOpus, IceCredentials ice,
                                           DtlsFingerprint fp, List<Candidate> candidates, LocalTrack video,
                                           LocalTrack audio, long sessionId) {
        Track v = tracks.stream().filter(Track::isVideo).findFirst().orElse(null);
        boolean hasAudio = tracks.stream().anyMatch(t -> t.codec() == Codec.OPUS || t.codec() == Codec.AAC && aacAsOpus);
        String plid = null;
        if (v != null && v.codec() == Codec.H264 && v.parameters() instanceof CodecParameters.H264Parameters p
                && !p.sps().isEmpty() && p.sps().get(0).length >= 4) {
            plid = H264ProfileLevelId.fromSps(p.sps().get(0)).toString();
        }
        OfferOptions o = OfferOptions.whep(ice.ufrag(), ice.pwd(), SdpAttribute.Fingerprint.of(fp.algorithm(), fp.value()),
                candidates, v == null ? null : v.codec(), plid, v == null ? null : video, hasAudio ? audio : null,
                sessionId);
        return SdpOfferer.offer(o);
    }

    /**
     * Reads the player's answer to {@code offer}.
     *
     * @throws WhepException BAD_OFFER for an unreadable answer (or one without ICE credentials or fingerprint),
     *                       NO_COMMON_CODEC when it rejects every section, or the video section of a stream with video
     */
    public static Agreed accept(SessionDescription offer, String answerText, List<Track> tracks, SdpLimits limits)
            throws WhepException {
        SdpAnswer agreed;
        try {
            agreed = SdpOfferer.accept(offer, SessionDescription.parse(answerText, limits));
        } catch (SdpException e) {
            throw new WhepException(e.reason() == SdpException.Reason.NO_COMMON_CODEC
                    ? WhepException.Reason.NO_COMMON_CODEC : WhepException.Reason.BAD_OFFER,
                    "bad SDP answer: " + e.getMessage());
        } catch (RuntimeException e) {
            // a value the parser let through but the offerer cannot use
            throw new WhepException(WhepException.Reason.BAD_OFFER, "bad SDP answer: " + e);
        }
        NegotiatedMedia v = null;
        NegotiatedMedia a = null;
        for (NegotiatedMedia m : agreed.media()) {
            if (m.accepted() && m.kind().equals("video") && v == null) {
                v = m;
            } else if (m.accepted() && m.kind().equals("audio") && a == null) {
                a = m;
            }
        }
        if (v == null && tracks.stream().anyMatch(Track::isVideo)) {
            throw new WhepException(WhepException.Reason.NO_COMMON_CODEC, "the answer rejects the video section; the "
                    + "stream has " + tracks.stream().map(t -> t.codec().name()).toList() + "; play it over HLS instead");
        }
        return new Agreed(agreed, v, a);
    }
}
