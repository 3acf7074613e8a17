package io.livegate.codec.av1;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Av1SequenceHeaderTest {

    /** The av1C body ffmpeg's mp4 muxer wrote for the libaom stream of {@link Av1ObuTest}. */
    static final byte[] FFMPEG_AV1C = bytes("81010c00 0a0b0000000cc4ff6736be4010");

    @Test
    void parsesLibaomSequenceHeader() {
        Av1SequenceHeader s = Av1SequenceHeader.parse(Av1ObuTest.LIBAOM_SEQUENCE_HEADER);
        assertThat(s.seqProfile()).isZero();
        assertThat(s.profileName()).isEqualTo("Main");
        assertThat(s.stillPicture()).isFalse();
        assertThat(s.reducedStillPictureHeader()).isFalse();
        assertThat(s.operatingPoints()).isEqualTo(1);
        assertThat(s.seqLevelIdx()).isEqualTo(1);
        assertThat(s.levelName()).isEqualTo("2.1");
        assertThat(s.seqTier()).isZero();
        assertThat(s.maxFrameWidth()).isEqualTo(640);
        assertThat(s.maxFrameHeight()).isEqualTo(360);
        assertThat(s.bitDepth()).isEqualTo(8);
        assertThat(s.monochrome()).isFalse();
        assertThat(s.subsamplingX()).isEqualTo(1);
        assertThat(s.subsamplingY()).isEqualTo(1);
        assertThat(s.frameRate()).isZero();
    }

    @Test
    void codecConfigRoundTripsAndMatchesFfmpeg() {
        Av1CodecConfig c = Av1CodecConfig.parse(FFMPEG_AV1C);
        assertThat(c.seqProfile()).isZero();
        assertThat(c.seqLevelIdx0()).isEqualTo(1);
        assertThat(c.highBitdepth()).isFalse();
        assertThat(c.chromaSubsamplingX()).isEqualTo(1);
        assertThat(c.chromaSubsamplingY()).isEqualTo(1);
        assertThat(c.initialPresentationDelayMinusOne()).isEqualTo(-1);
        assertThat(c.sequenceHeaderObu()).isEqualTo(Av1ObuTest.LIBAOM_SEQUENCE_HEADER);
        assertThat(c.toBytes()).isEqualTo(FFMPEG_AV1C);
        assertThat(Av1CodecConfig.of(Av1ObuTest.LIBAOM_SEQUENCE_HEADER)).isEqualTo(c);
    }

    @Test
    void reducedStillPictureHeaderAndHighBitDepth() {
        // profile 2, still, reduced, level 9 (5 bits 01001), widths 11 bits each: 1920x1080; 128x128 sb etc. 000;
        // superres/cdef/restoration 000; high_bitdepth 1 twelve_bit 1, mono 0, no color description, range 1,
        // subsampling_x 1 subsampling_y 0 (4:2:2), separate_uv 0, film grain 0
        String bits = "010 1 1 01001 1010 1010 11101111111 10000110111 000 000 1 1 0 0 1 1 0 0 0";
        Av1SequenceHeader s = Av1SequenceHeader.parsePayload(toBytes(bits), 0, toBytes(bits).length);
        assertThat(s.seqProfile()).isEqualTo(2);
        assertThat(s.reducedStillPictureHeader()).isTrue();
        assertThat(s.seqLevelIdx()).isEqualTo(9);
        assertThat(s.maxFrameWidth()).isEqualTo(1920);
        assertThat(s.maxFrameHeight()).isEqualTo(1080);
        assertThat(s.bitDepth()).isEqualTo(12);
        assertThat(s.subsamplingX()).isEqualTo(1);
        assertThat(s.subsamplingY()).isZero();
        assertThat(s.colorRange()).isTrue();
    }

    @Test
    void rejectsBadHeaders() {
        assertThatThrownBy(() -> Av1SequenceHeader.parse(bytes("1200"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("not a sequence header");
        for (int n = 2; n < Av1ObuTest.LIBAOM_SEQUENCE_HEADER.length; n++) {
            byte[] cut = Arrays.copyOf(Av1ObuTest.LIBAOM_SEQUENCE_HEADER, n);
            cut[1] = (byte) (n - 2);
            assertThatThrownBy(() -> Av1SequenceHeader.parse(cut)).isInstanceOf(CodecException.class)
                    .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
        }
        assertThatThrownBy(() -> Av1SequenceHeader.parse(bytes("0a01e0"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("seq_profile 7");
        assertThatThrownBy(() -> Av1CodecConfig.parse(bytes("01010c00"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("marker");
        assertThatThrownBy(() -> Av1CodecConfig.parse(bytes("82010c00"))).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.UNSUPPORTED);
        assertThatThrownBy(() -> Av1CodecConfig.parse(bytes("8101"))).isInstanceOf(CodecException.class);
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzParse(byte[] data) {
        try {
            Av1SequenceHeader s = Av1SequenceHeader.parse(data);
            assertThat(s.maxFrameWidth()).isPositive();
            s.levelName();
        } catch (CodecException expected) {
            // the only failure allowed
        }
        try {
            Av1CodecConfig c = Av1CodecConfig.parse(data);
            assertThat(Av1CodecConfig.parse(c.toBytes())).isEqualTo(c);
            c.sequenceHeaderObu();
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }

    static byte[] toBytes(String bits) {
        String b = bits.replace(" ", "");
        b = b + "0".repeat((8 - b.length() % 8) % 8);
        byte[] out = new byte[b.length() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(b.substring(i * 8, i * 8 + 8), 2);
        }
        return out;
    }
}
