package io.livegate.codec.h264;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import io.livegate.codec.CodecLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnexBTest {

    @Test
    void splitsThreeAndFourByteStartCodes() {
        byte[] stream = bytes("00000001 0910 000001 67aa 00000001 68bb 000001 65cc00dd");
        assertThat(AnnexB.split(stream, 0, stream.length))
                .containsExactly(bytes("0910"), bytes("67aa"), bytes("68bb"), bytes("65cc00dd"));
    }

    @Test
    void dropsLeadingAndTrailingZerosAndEmptyUnits() {
        byte[] stream = bytes("0000000001 65aa 0000 000001 000001 41bb 000000");
        assertThat(AnnexB.split(stream, 0, stream.length)).containsExactly(bytes("65aa"), bytes("41bb"));
        assertThat(AnnexB.split(new byte[3], 0, 3)).isEmpty();
        assertThat(AnnexB.split(new byte[0], 0, 0)).isEmpty();
    }

    @Test
    void joinUsesFourByteStartCodes() {
        List<byte[]> nalus = List.of(bytes("67aa"), bytes("65"));
        byte[] joined = AnnexB.join(nalus);
        assertThat(joined).isEqualTo(bytes("00000001 67aa 00000001 65"));
        assertThat(AnnexB.split(joined, 0, joined.length)).containsExactlyElementsOf(nalus);
    }

    @Test
    void realX264AccessUnitFromTheSpsVectors() {
        byte[] joined = AnnexB.join(List.of(H264Vectors.HIGH_720P30_SPS, H264Vectors.HIGH_720P30_PPS));
        List<byte[]> back = AnnexB.split(joined, 0, joined.length);
        assertThat(back).containsExactly(H264Vectors.HIGH_720P30_SPS, H264Vectors.HIGH_720P30_PPS);
        assertThat(H264NalType.of(back.get(0))).isEqualTo(H264NalType.SPS);
    }

    @Test
    void rejectsDataWithoutStartCodeAndTooManyUnits() {
        byte[] noStart = bytes("6588");
        assertThatThrownBy(() -> AnnexB.split(noStart, 0, noStart.length)).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.MALFORMED);
        byte[] oneZero = bytes("00 01 65");
        assertThatThrownBy(() -> AnnexB.split(oneZero, 0, oneZero.length)).isInstanceOf(CodecException.class);
        byte[] three = bytes("000001 09 000001 06 000001 65");
        assertThatThrownBy(() -> AnnexB.split(three, 0, three.length, new CodecLimits(100, 2, 1)))
                .isInstanceOf(CodecException.class).hasMessageContaining("3 exceeds limit 2");
        assertThatThrownBy(() -> AnnexB.split(three, 0, three.length, new CodecLimits(10, 9, 1)))
                .isInstanceOf(CodecException.class).hasMessageContaining("access unit size");
    }

    @Test
    void nalTypesAndKeyframes() {
        assertThat(H264NalType.of(bytes("65"))).isEqualTo(H264NalType.IDR);
        assertThat(H264NalType.of(bytes("41"))).isEqualTo(H264NalType.SLICE);
        assertThat(H264NalType.of(new byte[0])).isEqualTo(-1);
        assertThat(H264NalType.isKeyframe(List.of(bytes("09f0"), bytes("67"), bytes("65")))).isTrue();
        assertThat(H264NalType.isKeyframe(List.of(bytes("09f0"), bytes("41")))).isFalse();
        assertThat(H264NalType.isVcl(H264NalType.IDR)).isTrue();
        assertThat(H264NalType.isVcl(H264NalType.SEI)).isFalse();
        assertThat(H264NalType.name(28)).isEqualTo("FU_A");
        assertThat(H264NalType.name(30)).isEqualTo("TYPE_30");
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzSplitJoin(byte[] data) {
        try {
            List<byte[]> nalus = AnnexB.split(data, 0, data.length);
            for (byte[] n : nalus) {
                assertThat(n).isNotEmpty();
            }
            byte[] joined = AnnexB.join(nalus);
            List<byte[]> again = AnnexB.split(joined, 0, joined.length);
            // a unit ending in zero bytes loses them (trailing_zero_8bits); otherwise the split is stable
            assertThat(again.size()).isLessThanOrEqualTo(nalus.size());
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }
}
