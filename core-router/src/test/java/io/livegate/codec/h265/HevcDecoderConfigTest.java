package io.livegate.codec.h265;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import io.livegate.media.CodecParameters.H265Parameters;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HevcDecoderConfigTest {

    @Test
    void parsesFfmpegHvcC() {
        HevcDecoderConfig c = HevcDecoderConfig.parse(H265Vectors.HVCC_720P30);
        assertThat(c.profileTierLevel()).isEqualTo(H265Sps.parse(H265Vectors.SPS_720P30).profileTierLevel());
        assertThat(c.chromaFormat()).isEqualTo(1);
        assertThat(c.bitDepthLumaMinus8()).isZero();
        assertThat(c.numTemporalLayers()).isEqualTo(1);
        assertThat(c.temporalIdNested()).isTrue();
        assertThat(c.lengthSize()).isEqualTo(4);
        assertThat(c.arrays()).extracting(HevcDecoderConfig.NalArray::type).containsExactly(32, 33, 34);
        assertThat(c.toParameters()).isEqualTo(new H265Parameters(List.of(H265Vectors.VPS_720P30),
                List.of(H265Vectors.SPS_720P30), List.of(H265Vectors.PPS_720P30)));
        assertThat(c.toBytes()).isEqualTo(H265Vectors.HVCC_720P30);
    }

    @Test
    void ofParametersMatchesWhatFfmpegWrote() {
        H265Parameters p = new H265Parameters(List.of(H265Vectors.VPS_720P30), List.of(H265Vectors.SPS_720P30),
                List.of(H265Vectors.PPS_720P30));
        assertThat(HevcDecoderConfig.of(p).toBytes()).isEqualTo(H265Vectors.HVCC_720P30);
        assertThatThrownBy(() -> HevcDecoderConfig.of(new H265Parameters(List.of(), List.of(), List.of())))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void rejectsVersionAndTruncation() {
        byte[] v0 = H265Vectors.HVCC_720P30.clone();
        v0[0] = 0;
        assertThatThrownBy(() -> HevcDecoderConfig.parse(v0)).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.UNSUPPORTED);
        for (int n : new int[] {0, 22, 24, 30, H265Vectors.HVCC_720P30.length - 1}) {
            byte[] cut = Arrays.copyOf(H265Vectors.HVCC_720P30, n);
            assertThatThrownBy(() -> HevcDecoderConfig.parse(cut)).isInstanceOf(CodecException.class)
                    .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzRoundTrip(byte[] data) {
        HevcDecoderConfig c;
        try {
            c = HevcDecoderConfig.parse(data);
        } catch (CodecException expected) {
            return;
        }
        assertThat(HevcDecoderConfig.parse(c.toBytes())).isEqualTo(c);
    }
}
