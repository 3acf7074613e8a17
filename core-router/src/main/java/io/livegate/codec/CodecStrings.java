package io.livegate.codec;

import io.livegate.codec.aac.AudioSpecificConfig;
import io.livegate.codec.av1.Av1SequenceHeader;
import io.livegate.codec.h265.H265Sps;
import io.livegate.codec.h265.ProfileTierLevel;
import io.livegate.codec.vp9.Vp9CodecConfig;
import io.livegate.media.CodecParameters;
import io.livegate.media.CodecParameters.AacParameters;
import io.livegate.media.CodecParameters.Av1Parameters;
import io.livegate.media.CodecParameters.H264Parameters;
import io.livegate.media.CodecParameters.H265Parameters;
import io.livegate.media.CodecParameters.VpxParameters;
import io.livegate.media.Track;
import java.util.Locale;

/**
 * RFC 6381 {@code codecs} strings for HLS CODECS attributes, MSE and the API.
 *
 * <ul>
 * <li>H.264: {@code avc1.PPCCLL}, profile_idc, constraint flags and level_idc in hex (ISO/IEC 14496-15 Annex E).</li>
 * <li>H.265: {@code hvc1.[A-C]P.C.TL.B...} (14496-15 E.3): profile space letter and profile_idc, the 32
 * compatibility flags bit-reversed in hex, tier L/H and level_idc, then the six constraint bytes in hex with
 * trailing zero bytes left out.</li>
 * <li>AAC: {@code mp4a.40.N} with the object type signalled first (5/29 for hierarchical HE-AAC).</li>
 * <li>Opus: {@code opus}; VP8: {@code vp8}.</li>
 * <li>AV1: {@code av01.P.LLT.DD} (AV1-ISOBMFF "Codecs Parameter String"); the optional colour fields are left out.</li>
 * <li>VP9: {@code vp09.PP.LL.DD} (VP Codec ISO Media File Format Binding, "Codecs Parameter String").</li>
 * </ul>
 *
 * <p>Never throws for a track: when parameters are missing or unreadable the result is the bare sample entry name
 * ({@code avc1}, {@code hvc1}, {@code av01}, {@code vp09}) so callers can tell an incomplete string by the missing
 * dot, except AAC, which falls back to {@code mp4a.40.2} (AAC-LC, what nearly every publisher sends).
 */
public final class CodecStrings {

    private CodecStrings() {
    }

    public static String of(Track track) {
        CodecParameters p = track.parameters();
        return switch (track.codec()) {
            case H264 -> p instanceof H264Parameters h ? h264(h) : "avc1";
            case H265 -> p instanceof H265Parameters h ? h265(h) : "hvc1";
            case AAC -> p instanceof AacParameters a ? aac(a) : "mp4a.40.2";
            case OPUS -> "opus";
            case VP8 -> "vp8";
            case AV1 -> p instanceof Av1Parameters a ? av1(a) : "av01";
            case VP9 -> p instanceof VpxParameters v ? vp9(v) : "vp09";
        };
    }

    static String h264(H264Parameters p) {
        if (p.sps().isEmpty()) {
            return "avc1";
        }
        byte[] sps = p.sps().get(0);
        if (sps.length < 4) {
            return "avc1";
        }
        // bytes 1..3 of an SPS NAL are profile_idc, the constraint flags and level_idc: no parse needed
        return String.format(Locale.ROOT, "avc1.%02x%02x%02x", sps[1] & 0xff, sps[2] & 0xff, sps[3] & 0xff);
    }

    static String h265(H265Parameters p) {
        if (p.sps().isEmpty()) {
            return "hvc1";
        }
        try {
            return hevc("hvc1", H265Sps.parse(p.sps().get(0)).profileTierLevel());
        } catch (CodecException e) {
            return "hvc1";
        }
    }

    /** The HEVC codec string for a sample entry name ({@code hvc1} or {@code hev1}) and profile_tier_level. */
    public static String hevc(String sampleEntry, ProfileTierLevel ptl) {
        StringBuilder sb = new StringBuilder(sampleEntry).append('.');
        if (ptl.profileSpace() > 0) {
            sb.append((char) ('A' + ptl.profileSpace() - 1));
        }
        sb.append(ptl.profileIdc()).append('.');
        sb.append(Integer.toHexString(Integer.reverse(ptl.compatibilityFlags())).toUpperCase(Locale.ROOT));
        sb.append('.').append(ptl.tier() ? 'H' : 'L').append(ptl.levelIdc());
        byte[] constraints = new byte[6];
        int last = -1;
        for (int i = 0; i < 6; i++) {
            constraints[i] = (byte) (ptl.constraintFlags() >>> (40 - 8 * i));
            if (constraints[i] != 0) {
                last = i;
            }
        }
        for (int i = 0; i <= last; i++) {
            sb.append('.').append(String.format(Locale.ROOT, "%02X", constraints[i] & 0xff));
        }
        return sb.toString();
    }

    static String aac(AacParameters p) {
        try {
            return "mp4a.40." + AudioSpecificConfig.parse(p.audioSpecificConfig()).signalledObjectType();
        } catch (CodecException e) {
            return "mp4a.40.2";
        }
    }

    static String av1(Av1Parameters p) {
        if (p.sequenceHeaderObu() == null) {
            return "av01";
        }
        try {
            Av1SequenceHeader s = Av1SequenceHeader.parse(p.sequenceHeaderObu());
            return String.format(Locale.ROOT, "av01.%d.%02d%c.%02d", s.seqProfile(), s.seqLevelIdx(),
                    s.seqTier() == 1 ? 'H' : 'M', s.bitDepth());
        } catch (CodecException e) {
            return "av01";
        }
    }

    /** VP9: level from the picture size when known, else 3.1 (what 720p WebRTC VP9 needs). */
    static String vp9(VpxParameters p) {
        int level = Vp9CodecConfig.levelFor(p.width(), p.height());
        int bitDepth = p.bitDepth() > 0 ? p.bitDepth() : 8;
        return String.format(Locale.ROOT, "vp09.%02d.%02d.%02d", p.profile(), level > 0 ? level : 31, bitDepth);
    }
}
