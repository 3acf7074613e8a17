package io.livegate.rtc.sdp;

import io.livegate.media.Codec;
import io.livegate.rtc.sdp.SdpAttribute.Fingerprint;
import io.livegate.rtc.sdp.SdpAttribute.SetupRole;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link SdpAnswerer} answers an offer.
 *
 * @param direction   what we want: RECVONLY for WHIP ingest, SENDONLY for WHEP playback
 * @param iceUfrag    our ICE username fragment
 * @param icePwd      our ICE password
 * @param fingerprint our DTLS certificate fingerprint
 * @param setup       our DTLS role when the offer says actpass: PASSIVE (server, default) or ACTIVE
 * @param iceLite     announce a=ice-lite
 * @param candidates  our candidates, written in every accepted section (an ICE-lite answer is complete)
 * @param codecs      accepted codecs, audio and video mixed, in preference order
 * @param feedback    rtcp-fb values we support
 * @param extensions  header extension URIs we support
 * @param localTracks what we send, by kind ("audio", "video"): msid and SSRC lines (WHEP)
 * @param sessionId   the o= session id
 */
public record AnswerOptions(Direction direction, String iceUfrag, String icePwd, Fingerprint fingerprint,
                            SetupRole setup, boolean iceLite, List<Candidate> candidates, List<CodecPreference> codecs,
                            Set<String> feedback, Set<String> extensions, Map<String, LocalTrack> localTracks,
                            long sessionId) {

    /** rtcp-fb values the gateway handles. */
    public static final Set<String> DEFAULT_FEEDBACK = Set.of("nack", "nack pli", "ccm fir", "transport-cc", "goog-remb");

    /** Ingest default: H.264 first (no transcoding needed for HLS), then VP8, VP9, AV1, H.265; Opus. */
    public static final List<CodecPreference> DEFAULT_INGEST_CODECS = List.of(CodecPreference.any(Codec.H264),
            CodecPreference.any(Codec.VP8), CodecPreference.any(Codec.VP9), CodecPreference.any(Codec.AV1),
            CodecPreference.any(Codec.H265), CodecPreference.any(Codec.OPUS));

    /**
     * One track we send.
     *
     * @param rtxSsrc 0 when we do not send RTX
     */
    public record LocalTrack(String streamId, String trackId, long ssrc, long rtxSsrc, String cname) {
    }

    public AnswerOptions {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (setup != SetupRole.PASSIVE && setup != SetupRole.ACTIVE) {
            throw new IllegalArgumentException("our setup must be passive or active, was " + setup);
        }
        candidates = List.copyOf(candidates);
        codecs = List.copyOf(codecs);
        feedback = Set.copyOf(feedback);
        extensions = Set.copyOf(extensions);
        localTracks = Map.copyOf(localTracks);
    }

    /** WHIP: receive, default codecs, ICE-lite, DTLS server. */
    public static AnswerOptions whip(String ufrag, String pwd, Fingerprint fingerprint, List<Candidate> candidates,
                                     long sessionId) {
        return new AnswerOptions(Direction.RECVONLY, ufrag, pwd, fingerprint, SetupRole.PASSIVE, true, candidates,
                DEFAULT_INGEST_CODECS, DEFAULT_FEEDBACK, ExtensionUri.DEFAULTS, Map.of(), sessionId);
    }

    /** WHEP: send the stream's codecs with these local tracks, ICE-lite, DTLS server. */
    public static AnswerOptions whep(String ufrag, String pwd, Fingerprint fingerprint, List<Candidate> candidates,
                                     List<CodecPreference> codecs, Map<String, LocalTrack> localTracks, long sessionId) {
        return new AnswerOptions(Direction.SENDONLY, ufrag, pwd, fingerprint, SetupRole.PASSIVE, true, candidates,
                codecs, DEFAULT_FEEDBACK, ExtensionUri.DEFAULTS, localTracks, sessionId);
    }

    public AnswerOptions withCodecs(List<CodecPreference> newCodecs) {
        return new AnswerOptions(direction, iceUfrag, icePwd, fingerprint, setup, iceLite, candidates, newCodecs,
                feedback, extensions, localTracks, sessionId);
    }

    public AnswerOptions withSetup(SetupRole newSetup) {
        return new AnswerOptions(direction, iceUfrag, icePwd, fingerprint, newSetup, iceLite, candidates, codecs,
                feedback, extensions, localTracks, sessionId);
    }

    @Override
    public String toString() {
        return "AnswerOptions[direction=" + direction + ", codecs=" + codecs + "]";
    }
}
