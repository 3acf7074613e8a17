package io.livegate.codec;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.codec.h264.H264Vectors;
import io.livegate.codec.h265.H265Vectors;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.CodecParameters.AacParameters;
import io.livegate.media.CodecParameters.Av1Parameters;
import io.livegate.media.CodecParameters.H264Parameters;
import io.livegate.media.CodecParameters.H265Parameters;
import io.livegate.media.CodecParameters.OpusParameters;
import io.livegate.media.CodecParameters.VpxParameters;
import io.livegate.media.Track;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecStringsTest {

    static Track track(Codec codec, CodecParameters p) {
        return new Track(0, codec, codec.fixedClockRate() > 0 ? codec.fixedClockRate() : 48000, p);
    }

    static H264Parameters h264(byte[] sps) {
        return new H264Parameters(List.of(sps), List.of(H264Vectors.HIGH_720P30_PPS));
    }

    static H265Parameters h265(byte[] sps) {
        return new H265Parameters(List.of(H265Vectors.VPS_720P30), List.of(sps), List.of(H265Vectors.PPS_720P30));
    }

    @Test
    void h264FromX264Sps() {
        // x264 high 720p30: ffmpeg's HLS muxer writes the same CODECS="avc1.64001f"
        assertThat(CodecStrings.of(track(Codec.H264, h264(H264Vectors.HIGH_720P30_SPS)))).isEqualTo("avc1.64001f");
        assertThat(CodecStrings.of(track(Codec.H264, h264(H264Vectors.MAIN_720P30_SPS)))).isEqualTo("avc1.4d401f");
        assertThat(CodecStrings.of(track(Codec.H264, h264(H264Vectors.BASELINE_720P30_SPS)))).isEqualTo("avc1.42c01f");
        assertThat(CodecStrings.of(track(Codec.H264, h264(H264Vectors.HIGH_1080P25_SPS)))).isEqualTo("avc1.640028");
    }

    @Test
    void hevcPerIso14496_15AnnexE() {
        // Main, compatibility flags 1 and 2 (0x60000000 reversed = 6), Main tier level 93, constraint byte 0x90
        assertThat(CodecStrings.of(track(Codec.H265, h265(H265Vectors.SPS_720P30)))).isEqualTo("hvc1.1.6.L93.90");
        assertThat(CodecStrings.of(track(Codec.H265, h265(H265Vectors.SPS_1080P25)))).isEqualTo("hvc1.1.6.L120.90");
        assertThat(CodecStrings.of(track(Codec.H265, h265(H265Vectors.SPS_MAIN10_480P24)))).isEqualTo("hvc1.2.4.L90.90");
        // the 14496-15 example: profile space 0, Main, High tier absent, constraint 0xB0
        assertThat(CodecStrings.hevc("hev1", new io.livegate.codec.h265.ProfileTierLevel(0, false, 1, 0x60000000,
                0xB00000000000L, 93))).isEqualTo("hev1.1.6.L93.B0");
        assertThat(CodecStrings.hevc("hvc1", new io.livegate.codec.h265.ProfileTierLevel(1, true, 4, 0x08000000,
                0x000000000001L, 153))).isEqualTo("hvc1.A4.10.H153.00.00.00.00.00.01");
    }

    @Test
    void audioStrings() {
        assertThat(CodecStrings.of(track(Codec.AAC, new AacParameters(bytes("1210"))))).isEqualTo("mp4a.40.2");
        assertThat(CodecStrings.of(track(Codec.AAC, new AacParameters(bytes("2b118800"))))).isEqualTo("mp4a.40.5");
        assertThat(CodecStrings.of(track(Codec.AAC, new AacParameters(bytes("eb098800"))))).isEqualTo("mp4a.40.29");
        assertThat(CodecStrings.of(track(Codec.AAC, new AacParameters(bytes("131056e598"))))).isEqualTo("mp4a.40.2");
        assertThat(CodecStrings.of(track(Codec.OPUS, new OpusParameters(2, 312, 48000)))).isEqualTo("opus");
    }

    @Test
    void av1AndVp9() {
        Av1Parameters av1 = new Av1Parameters(bytes("0a0b0000000cc4ff6736be4010"));
        assertThat(CodecStrings.of(track(Codec.AV1, av1))).isEqualTo("av01.0.01M.08");
        // ffmpeg's vpcC for the same 640x360 libvpx stream says profile 0, level 21, 8 bits
        assertThat(CodecStrings.of(track(Codec.VP9, new VpxParameters(0, 8, 640, 360)))).isEqualTo("vp09.00.21.08");
        assertThat(CodecStrings.of(track(Codec.VP9, new VpxParameters(2, 10, 1920, 1080)))).isEqualTo("vp09.02.40.10");
        assertThat(CodecStrings.of(track(Codec.VP9, new VpxParameters(0, 0, 0, 0)))).isEqualTo("vp09.00.31.08");
        assertThat(CodecStrings.of(track(Codec.VP8, new VpxParameters(0, 8, 640, 360)))).isEqualTo("vp8");
    }

    @Test
    void missingOrBrokenParametersNeverThrow() {
        assertThat(CodecStrings.of(track(Codec.H264, null))).isEqualTo("avc1");
        assertThat(CodecStrings.of(track(Codec.H264, new H264Parameters(List.of(), List.of())))).isEqualTo("avc1");
        assertThat(CodecStrings.of(track(Codec.H264, h264(bytes("67"))))).isEqualTo("avc1");
        assertThat(CodecStrings.of(track(Codec.H265, null))).isEqualTo("hvc1");
        assertThat(CodecStrings.of(track(Codec.H265, h265(bytes("4201"))))).isEqualTo("hvc1");
        assertThat(CodecStrings.of(track(Codec.AAC, null))).isEqualTo("mp4a.40.2");
        assertThat(CodecStrings.of(track(Codec.AAC, new AacParameters(new byte[0])))).isEqualTo("mp4a.40.2");
        assertThat(CodecStrings.of(track(Codec.AV1, null))).isEqualTo("av01");
        assertThat(CodecStrings.of(track(Codec.AV1, new Av1Parameters(bytes("0a00"))))).isEqualTo("av01");
        assertThat(CodecStrings.of(track(Codec.VP9, null))).isEqualTo("vp09");
        assertThat(CodecStrings.of(track(Codec.OPUS, null))).isEqualTo("opus");
    }
}
