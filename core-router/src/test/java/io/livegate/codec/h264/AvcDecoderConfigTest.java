package io.livegate.codec.h264;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import io.livegate.media.CodecParameters.H264Parameters;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvcDecoderConfigTest {

    @Test
    void parsesFfmpegHighProfileAvcCWithTrailer() {
        AvcDecoderConfig c = AvcDecoderConfig.parse(H264Vectors.HIGH_720P30_AVCC);
        assertThat(c.profileIdc()).isEqualTo(100);
        assertThat(c.profileCompatibility()).isZero();
        assertThat(c.levelIdc()).isEqualTo(31);
        assertThat(c.lengthSize()).isEqualTo(4);
        assertThat(c.sps()).containsExactly(H264Vectors.HIGH_720P30_SPS);
        assertThat(c.pps()).containsExactly(H264Vectors.HIGH_720P30_PPS);
        assertThat(c.highProfile()).isEqualTo(new AvcDecoderConfig.HighProfileExtension(1, 0, 0, List.of()));
        assertThat(c.toBytes()).isEqualTo(H264Vectors.HIGH_720P30_AVCC);
    }

    @Test
    void parsesBaselineWithoutTrailer() {
        AvcDecoderConfig c = AvcDecoderConfig.parse(H264Vectors.BASELINE_720P30_AVCC);
        assertThat(c.profileIdc()).isEqualTo(66);
        assertThat(c.profileCompatibility()).isEqualTo(0xc0);
        assertThat(c.highProfile()).isNull();
        assertThat(c.toBytes()).isEqualTo(H264Vectors.BASELINE_720P30_AVCC);
    }

    @Test
    void highProfileRecordWithoutTrailerIsAccepted() {
        byte[] noTrailer = Arrays.copyOf(H264Vectors.HIGH_720P30_AVCC, H264Vectors.HIGH_720P30_AVCC.length - 4);
        AvcDecoderConfig c = AvcDecoderConfig.parse(noTrailer);
        assertThat(c.highProfile()).isNull();
        assertThat(c.toBytes()).isEqualTo(noTrailer);
    }

    @Test
    void ofParametersMatchesWhatFfmpegWrote() {
        H264Parameters p = new H264Parameters(List.of(H264Vectors.HIGH_720P30_SPS), List.of(H264Vectors.HIGH_720P30_PPS));
        assertThat(AvcDecoderConfig.of(p).toBytes()).isEqualTo(H264Vectors.HIGH_720P30_AVCC);
        H264Parameters b = new H264Parameters(List.of(H264Vectors.BASELINE_720P30_SPS),
                List.of(H264Vectors.BASELINE_720P30_PPS));
        assertThat(AvcDecoderConfig.of(b).toBytes()).isEqualTo(H264Vectors.BASELINE_720P30_AVCC);
        assertThatThrownBy(() -> AvcDecoderConfig.of(new H264Parameters(List.of(), List.of())))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void rejectsBadVersionLengthSizeAndTruncation() {
        byte[] v2 = H264Vectors.BASELINE_720P30_AVCC.clone();
        v2[0] = 2;
        assertThatThrownBy(() -> AvcDecoderConfig.parse(v2)).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.UNSUPPORTED);
        byte[] three = H264Vectors.BASELINE_720P30_AVCC.clone();
        three[4] = (byte) 0xfe;
        assertThatThrownBy(() -> AvcDecoderConfig.parse(three)).isInstanceOf(CodecException.class)
                .hasMessageContaining("lengthSizeMinusOne 2");
        for (int n : new int[] {0, 3, 6, 10, 33}) {
            byte[] cut = Arrays.copyOf(H264Vectors.BASELINE_720P30_AVCC, n);
            assertThatThrownBy(() -> AvcDecoderConfig.parse(cut)).isInstanceOf(CodecException.class)
                    .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
        }
    }

    @Test
    void equalityComparesBytes() {
        AvcDecoderConfig a = AvcDecoderConfig.parse(H264Vectors.HIGH_720P30_AVCC);
        AvcDecoderConfig b = AvcDecoderConfig.parse(H264Vectors.HIGH_720P30_AVCC.clone());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(AvcDecoderConfig.parse(H264Vectors.BASELINE_720P30_AVCC));
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzRoundTrip(byte[] data) {
        AvcDecoderConfig c;
        try {
            c = AvcDecoderConfig.parse(data);
        } catch (CodecException expected) {
            return;
        }
        assertThat(AvcDecoderConfig.parse(c.toBytes())).isEqualTo(c);
    }
}
