package io.livegate.rtc.sdp;

import io.livegate.media.Codec;
import java.util.Map;

/**
 * A codec the server accepts in an answer, in preference order.
 *
 * @param codec      the codec
 * @param parameters fmtp parameters wanted. H.264: profile-level-id is compared by profile (RFC 6184 8.2.2)
 *                   and packetization-mode exactly (absent = 0). VP9 profile-id, AV1 profile and H.265
 *                   profile-id are compared exactly, with their RFC defaults when absent.
 * @param strict     true: only offered formats matching {@code parameters} qualify. false: they are
 *                   preferred, and any other format of the codec is the fallback (a WHEP viewer offering
 *                   only Constrained Baseline can usually decode a High-profile stream).
 */
public record CodecPreference(Codec codec, Map<String, String> parameters, boolean strict) {

    public CodecPreference {
        parameters = Map.copyOf(parameters);
    }

    /** Any variant of the codec. */
    public static CodecPreference any(Codec codec) {
        return new CodecPreference(codec, Map.of(), false);
    }

    /** Only formats with these parameters. */
    public static CodecPreference exactly(Codec codec, Map<String, String> parameters) {
        return new CodecPreference(codec, parameters, true);
    }

    /** The SDP encoding name (rtpmap) of a codec. */
    public static String encodingName(Codec codec) {
        return switch (codec) {
            case H264 -> "H264";
            case H265 -> "H265";
            case VP8 -> "VP8";
            case VP9 -> "VP9";
            case AV1 -> "AV1";
            case OPUS -> "opus";
            case AAC -> "MP4A-LATM";
        };
    }
}
