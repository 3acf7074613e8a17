package io.livegate.rtc.sdp;

import io.livegate.media.Codec;
import io.livegate.rtc.sdp.AnswerOptions.LocalTrack;
import io.livegate.rtc.sdp.SdpAttribute.Fingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link SdpOfferer} offers: a server-made offer for WHEP players that POST without one
 * (draft-murillo-whep-01), one section per track we send.
 */
public record OfferOptions(String iceUfrag, String icePwd, Fingerprint fingerprint, boolean iceLite,
                           List<Candidate> candidates, List<Section> sections, long sessionId) {

    /**
     * One codec of a section.
     *
     * @param fmtp           fmtp parameters, or null
     * @param rtxPayloadType -1 without RTX
     */
    public record OfferedCodec(Codec codec, int payloadType, int clockRate, int channels, String fmtp,
                               int rtxPayloadType, Set<String> feedback) {
        public OfferedCodec {
            feedback = Set.copyOf(feedback);
        }
    }

    /**
     * One m= section.
     *
     * @param kind       "audio" or "video"
     * @param extensions header extensions offered: URI → id
     * @param track      what we send (msid, SSRCs), or null
     */
    public record Section(String kind, String mid, Direction direction, List<OfferedCodec> codecs,
                          Map<String, Integer> extensions, LocalTrack track) {
        public Section {
            codecs = List.copyOf(codecs);
            extensions = Map.copyOf(extensions);
        }
    }

    public OfferOptions {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        Objects.requireNonNull(fingerprint, "fingerprint");
        candidates = List.copyOf(candidates);
        sections = List.copyOf(sections);
    }

    private static final Set<String> VIDEO_FEEDBACK = Set.of("nack", "nack pli", "ccm fir", "transport-cc", "goog-remb");

    /**
     * The usual WHEP offer: a sendonly video section with one codec (H.264 takes the stream's
     * profile-level-id; null offers 42e01f) plus RTX, and a sendonly Opus section; mid and transport-cc
     * extensions. A null track skips that kind.
     */
    public static OfferOptions whep(String ufrag, String pwd, Fingerprint fingerprint, List<Candidate> candidates,
                                    Codec videoCodec, String h264ProfileLevelId, LocalTrack video, LocalTrack audio,
                                    long sessionId) {
        List<Section> sections = new ArrayList<>();
        Map<String, Integer> ext = Map.of(ExtensionUri.MID, 4, ExtensionUri.TRANSPORT_CC, 3);
        if (video != null) {
            H264ProfileLevelId plid = H264ProfileLevelId.parse(h264ProfileLevelId);
            if (videoCodec == Codec.H264 && plid != null
                    && plid.profile() != H264ProfileLevelId.Profile.CONSTRAINED_BASELINE) {
                // Chromium 156 cannot receive any profile but Constrained Baseline in SDP (it rejects a High-only
                // section), yet decodes High. Offer the stream's profile first and 42e01f as a fallback payload
                // type carrying the same bitstream.
                sections.add(new Section("video", "0", Direction.SENDONLY, List.of(
                        new OfferedCodec(Codec.H264, 102, 90000, 0, "level-asymmetry-allowed=1;packetization-mode=1;"
                                + "profile-level-id=" + plid, 103, VIDEO_FEEDBACK),
                        new OfferedCodec(Codec.H264, 108, 90000, 0, "level-asymmetry-allowed=1;packetization-mode=1;"
                                + "profile-level-id=42e01f", 109, VIDEO_FEEDBACK)), ext, video));
            }
        }
        if (video != null && sections.isEmpty()) {
            OfferedCodec c = switch (videoCodec) {
                case H264 -> new OfferedCodec(Codec.H264, 102, 90000, 0, "level-asymmetry-allowed=1;packetization-mode=1;"
                        + "profile-level-id=" + (h264ProfileLevelId == null ? "42e01f" : h264ProfileLevelId), 103,
                        VIDEO_FEEDBACK);
                case VP8 -> new OfferedCodec(Codec.VP8, 96, 90000, 0, null, 97, VIDEO_FEEDBACK);
                case VP9 -> new OfferedCodec(Codec.VP9, 98, 90000, 0, "profile-id=0", 99, VIDEO_FEEDBACK);
                case AV1 -> new OfferedCodec(Codec.AV1, 45, 90000, 0, null, 46, VIDEO_FEEDBACK);
                case H265 -> new OfferedCodec(Codec.H265, 49, 90000, 0, "level-id=93;profile-id=1;tier-flag=0;tx-mode=SRST",
                        50, VIDEO_FEEDBACK);
                default -> throw new IllegalArgumentException(videoCodec + " is not a video codec");
            };
            sections.add(new Section("video", "0", Direction.SENDONLY, List.of(c), ext, video));
        }
        if (audio != null) {
            sections.add(new Section("audio", Integer.toString(sections.size()), Direction.SENDONLY,
                    List.of(new OfferedCodec(Codec.OPUS, 111, 48000, 2, "minptime=10;useinbandfec=1", -1,
                            Set.of("transport-cc"))), ext, audio));
        }
        return new OfferOptions(ufrag, pwd, fingerprint, true, candidates, sections, sessionId);
    }
}
