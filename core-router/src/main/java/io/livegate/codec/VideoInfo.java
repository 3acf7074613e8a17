package io.livegate.codec;

import io.livegate.codec.av1.Av1SequenceHeader;
import io.livegate.codec.h264.H264Sps;
import io.livegate.codec.h265.H265Sps;
import io.livegate.codec.vp9.Vp9CodecConfig;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.CodecParameters.Av1Parameters;
import io.livegate.media.CodecParameters.H264Parameters;
import io.livegate.media.CodecParameters.H265Parameters;
import io.livegate.media.CodecParameters.VpxParameters;
import io.livegate.media.Track;

/**
 * What the API, the HLS playlist and the muxers say about a video track, read from its parameters.
 *
 * @param width      picture width after cropping, 0 when unknown
 * @param height     picture height after cropping, 0 when unknown
 * @param profile    the profile's name ("High", "Main 10", "Profile 0"), empty when unknown
 * @param level      the level as written in the codec's spec ("3.1", "1b"), empty when unknown
 * @param bitDepth   luma bit depth, 0 when unknown
 * @param frameRate  frames per second the bitstream declares, 0 when it does not
 * @param mayReorder true when frames may be output out of decode order (pts != dts, B-frames). H.264/H.265 tracks
 *                   whose parameters are unknown report true, so muxers keep composition offsets; VP8, VP9 and AV1
 *                   temporal units are always presented in decode order.
 */
public record VideoInfo(int width, int height, String profile, String level, int bitDepth, double frameRate,
                        boolean mayReorder) {

    /** Describes a track; never throws (unreadable or missing parameters give the "unknown" values). */
    public static VideoInfo of(Track track) {
        CodecParameters p = track.parameters();
        try {
            return switch (track.codec()) {
                case H264 -> p instanceof H264Parameters h && !h.sps().isEmpty() ? h264(H264Sps.parse(h.sps().get(0)))
                        : unknown(true);
                case H265 -> p instanceof H265Parameters h && !h.sps().isEmpty() ? h265(H265Sps.parse(h.sps().get(0)))
                        : unknown(true);
                case AV1 -> p instanceof Av1Parameters a && a.sequenceHeaderObu() != null
                        ? av1(Av1SequenceHeader.parse(a.sequenceHeaderObu())) : unknown(false);
                case VP8, VP9 -> p instanceof VpxParameters v ? vpx(track, v) : unknown(false);
                case AAC, OPUS -> unknown(false);
            };
        } catch (CodecException e) {
            return unknown(track.codec() == Codec.H264 || track.codec() == Codec.H265);
        }
    }

    private static VideoInfo unknown(boolean mayReorder) {
        return new VideoInfo(0, 0, "", "", 0, 0, mayReorder);
    }

    private static VideoInfo h264(H264Sps s) {
        return new VideoInfo(s.width(), s.height(), s.profileName(), s.levelName(), s.bitDepthLuma(), s.frameRate(),
                s.mayReorder());
    }

    private static VideoInfo h265(H265Sps s) {
        return new VideoInfo(s.width(), s.height(), s.profileName(), s.levelName(), s.bitDepthLuma(), s.frameRate(),
                s.mayReorder());
    }

    private static VideoInfo av1(Av1SequenceHeader s) {
        return new VideoInfo(s.maxFrameWidth(), s.maxFrameHeight(), s.profileName(), s.levelName(), s.bitDepth(),
                s.frameRate(), false);
    }

    private static VideoInfo vpx(Track track, VpxParameters v) {
        String level = "";
        if (track.codec() == Codec.VP9) {
            int l = Vp9CodecConfig.levelFor(v.width(), v.height());
            level = l == 0 ? "" : (l / 10) + "." + (l % 10);
        }
        int bitDepth = v.bitDepth() > 0 ? v.bitDepth() : 8;
        return new VideoInfo(v.width(), v.height(), "Profile " + v.profile(), level, bitDepth, 0, false);
    }
}
