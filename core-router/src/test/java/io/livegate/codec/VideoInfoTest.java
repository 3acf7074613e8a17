package io.livegate.codec;

import static io.livegate.codec.CodecStringsTest.h264;
import static io.livegate.codec.CodecStringsTest.h265;
import static io.livegate.codec.CodecStringsTest.track;
import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.codec.h264.H264Vectors;
import io.livegate.codec.h265.H265Vectors;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters.AacParameters;
import io.livegate.media.CodecParameters.Av1Parameters;
import io.livegate.media.CodecParameters.VpxParameters;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.media.CodecParameters;
import io.livegate.media.CodecParameters.H264Parameters;
import io.livegate.media.CodecParameters.H265Parameters;
import io.livegate.media.CodecParameters.OpusParameters;
import io.livegate.media.Track;
import java.util.List;
import org.junit.jupiter.api.Test;

class VideoInfoTest {

    @Test
    void h264Tracks() {
        assertThat(VideoInfo.of(track(Codec.H264, h264(H264Vectors.HIGH_720P30_SPS))))
                .isEqualTo(new VideoInfo(1280, 720, "High", "3.1", 8, 30.0, true));
        assertThat(VideoInfo.of(track(Codec.H264, h264(H264Vectors.BASELINE_720P30_SPS))))
                .isEqualTo(new VideoInfo(1280, 720, "Constrained Baseline", "3.1", 8, 30.0, false));
        assertThat(VideoInfo.of(track(Codec.H264, h264(H264Vectors.MAIN_720P30_SPS))).mayReorder()).isTrue();
        assertThat(VideoInfo.of(track(Codec.H264, h264(H264Vectors.HIGH_1080P25_SPS))))
                .isEqualTo(new VideoInfo(1920, 1080, "High", "4", 8, 25.0, true));
    }

    @Test
    void h265Tracks() {
        assertThat(VideoInfo.of(track(Codec.H265, h265(H265Vectors.SPS_720P30))))
                .isEqualTo(new VideoInfo(1280, 720, "Main", "3.1", 8, 30.0, true));
        assertThat(VideoInfo.of(track(Codec.H265, h265(H265Vectors.SPS_MAIN10_480P24))))
                .isEqualTo(new VideoInfo(854, 480, "Main 10", "3", 10, 24.0, true));
    }

    @Test
    void av1AndVpx() {
        assertThat(VideoInfo.of(track(Codec.AV1, new Av1Parameters(bytes("0a0b0000000cc4ff6736be4010")))))
                .isEqualTo(new VideoInfo(640, 360, "Main", "2.1", 8, 0, false));
        assertThat(VideoInfo.of(track(Codec.VP9, new VpxParameters(2, 10, 1280, 720))))
                .isEqualTo(new VideoInfo(1280, 720, "Profile 2", "3.1", 10, 0, false));
        assertThat(VideoInfo.of(track(Codec.VP8, new VpxParameters(0, 0, 640, 480))))
                .isEqualTo(new VideoInfo(640, 480, "Profile 0", "", 8, 0, false));
    }

    @Test
    void unknownParametersGiveUnknownValuesAndAssumeReorderingForAvc() {
        assertThat(VideoInfo.of(track(Codec.H264, null))).isEqualTo(new VideoInfo(0, 0, "", "", 0, 0, true));
        assertThat(VideoInfo.of(track(Codec.H264, h264(bytes("6764"))))).isEqualTo(new VideoInfo(0, 0, "", "", 0, 0, true));
        assertThat(VideoInfo.of(track(Codec.H265, h265(bytes("4201"))))).isEqualTo(new VideoInfo(0, 0, "", "", 0, 0, true));
        assertThat(VideoInfo.of(track(Codec.AV1, null)).mayReorder()).isFalse();
        assertThat(VideoInfo.of(track(Codec.AV1, new Av1Parameters(bytes("0a00")))).width()).isZero();
        assertThat(VideoInfo.of(track(Codec.AAC, new AacParameters(bytes("1210")))))
                .isEqualTo(new VideoInfo(0, 0, "", "", 0, 0, false));
    }

    /** Whatever bytes a publisher sends as parameters, describing the track never throws. */
    @FuzzTest(maxDuration = "10s")
    void fuzzNeverThrows(FuzzedDataProvider in) {
        Codec codec = Codec.values()[in.consumeInt(0, Codec.values().length - 1)];
        int ints = in.consumeInt();
        byte[] a = in.consumeBytes(in.consumeInt(0, 64));
        byte[] b = in.consumeRemainingAsBytes();
        CodecParameters p = switch (codec) {
            case H264 -> new H264Parameters(List.of(a), List.of(b));
            case H265 -> new H265Parameters(List.of(b), List.of(a), List.of());
            case AV1 -> new Av1Parameters(a);
            case VP8, VP9 -> new VpxParameters(ints & 3, (ints >> 2) & 15, (ints >> 6) & 0xfff, (ints >> 18) & 0xfff);
            case AAC -> new AacParameters(a);
            case OPUS -> new OpusParameters(2, 0, 48000);
        };
        Track t = new Track(0, codec, 90000, p);
        VideoInfo info = VideoInfo.of(t);
        assertThat(info.width()).isNotNegative();
        assertThat(CodecStrings.of(t)).isNotEmpty();
    }
}
