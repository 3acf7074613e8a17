package io.livegate.codec.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import org.junit.jupiter.api.Test;

class H264SpsTest {

    @Test
    void x264ConstrainedBaseline720p30() {
        H264Sps s = H264Sps.parse(H264Vectors.BASELINE_720P30_SPS);
        assertThat(s.profileIdc()).isEqualTo(66);
        assertThat(s.constraintSet(1)).isTrue();
        assertThat(s.profileName()).isEqualTo("Constrained Baseline");
        assertThat(s.levelIdc()).isEqualTo(31);
        assertThat(s.levelName()).isEqualTo("3.1");
        assertThat(s.width()).isEqualTo(1280);
        assertThat(s.height()).isEqualTo(720);
        assertThat(s.chromaFormatIdc()).isEqualTo(1);
        assertThat(s.bitDepthLuma()).isEqualTo(8);
        assertThat(s.frameRate()).isEqualTo(30.0);
        assertThat(s.maxNumReorderFrames()).isZero();
        assertThat(s.mayReorder()).isFalse();
    }

    @Test
    void x264MainWithBFrames() {
        H264Sps s = H264Sps.parse(H264Vectors.MAIN_720P30_SPS);
        assertThat(s.profileIdc()).isEqualTo(77);
        assertThat(s.profileName()).isEqualTo("Main");
        assertThat(s.levelIdc()).isEqualTo(31);
        assertThat(s.width()).isEqualTo(1280);
        assertThat(s.height()).isEqualTo(720);
        assertThat(s.frameRate()).isEqualTo(30.0);
        assertThat(s.maxNumReorderFrames()).isPositive();
        assertThat(s.mayReorder()).isTrue();
    }

    @Test
    void x264High720p30() {
        H264Sps s = H264Sps.parse(H264Vectors.HIGH_720P30_SPS);
        assertThat(s.profileIdc()).isEqualTo(100);
        assertThat(s.profileName()).isEqualTo("High");
        assertThat(s.constraintFlags()).isZero();
        assertThat(s.levelIdc()).isEqualTo(31);
        assertThat(s.width()).isEqualTo(1280);
        assertThat(s.height()).isEqualTo(720);
        assertThat(s.codedHeight()).isEqualTo(720);
        assertThat(s.chromaFormatIdc()).isEqualTo(1);
        assertThat(s.bitDepthLuma()).isEqualTo(8);
        assertThat(s.bitDepthChroma()).isEqualTo(8);
        assertThat(s.frameMbsOnly()).isTrue();
        assertThat(s.sarWidth()).isEqualTo(1);
        assertThat(s.sarHeight()).isEqualTo(1);
        assertThat(s.timeScale()).isEqualTo(60);
        assertThat(s.numUnitsInTick()).isEqualTo(1);
        assertThat(s.frameRate()).isEqualTo(30.0);
        assertThat(s.mayReorder()).isTrue();
    }

    @Test
    void x264High1080p25IsCroppedFrom1088() {
        H264Sps s = H264Sps.parse(H264Vectors.HIGH_1080P25_SPS);
        assertThat(s.levelIdc()).isEqualTo(40);
        assertThat(s.levelName()).isEqualTo("4");
        assertThat(s.codedWidth()).isEqualTo(1920);
        assertThat(s.codedHeight()).isEqualTo(1088);
        assertThat(s.width()).isEqualTo(1920);
        assertThat(s.height()).isEqualTo(1080);
        assertThat(s.frameRate()).isEqualTo(25.0);
    }

    @Test
    void rejectsOtherNalTypesAndTruncation() {
        assertThatThrownBy(() -> H264Sps.parse(H264Vectors.HIGH_720P30_PPS)).isInstanceOf(CodecException.class)
                .hasMessageContaining("NAL type 8 is not an SPS");
        assertThatThrownBy(() -> H264Sps.parse(new byte[0])).isInstanceOf(CodecException.class);
        byte[] sps = H264Vectors.HIGH_720P30_SPS;
        for (int n = 1; n < 10; n++) {
            byte[] cut = java.util.Arrays.copyOf(sps, n);
            assertThatThrownBy(() -> H264Sps.parse(cut)).isInstanceOf(CodecException.class)
                    .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
        }
    }

    @Test
    void vuiCutShortIsDroppedNotFatal() {
        // the x264 SPS without its last byte: the VUI's bitstream_restriction runs past the end
        byte[] cut = java.util.Arrays.copyOf(H264Vectors.HIGH_720P30_SPS, H264Vectors.HIGH_720P30_SPS.length - 1);
        H264Sps s = H264Sps.parse(cut);
        assertThat(s.width()).isEqualTo(1280);
        assertThat(s.height()).isEqualTo(720);
        assertThat(s.frameRate()).isZero();
        assertThat(s.maxNumReorderFrames()).isEqualTo(-1);
        assertThat(s.mayReorder()).isTrue(); // High profile without bitstream_restriction
    }

    @Test
    void withoutBitstreamRestrictionTheProfileDecides() {
        // hand-built: profile 77 level 30, sps id 0, log2_max_frame_num 4, poc type 0, lsb 4, 1 ref frame,
        // 20x15 MBs (320x240), frame_mbs_only, direct8x8, no cropping, no VUI
        byte[] main = BitString.nal(0x67, "01001101 00000000 00011110 1 1 1 1 010 0 000010100 0001111 1 1 0 0");
        H264Sps m = H264Sps.parse(main);
        assertThat(m.width()).isEqualTo(320);
        assertThat(m.height()).isEqualTo(240);
        assertThat(m.maxNumReorderFrames()).isEqualTo(-1);
        assertThat(m.frameRate()).isZero();
        assertThat(m.mayReorder()).isTrue();
        byte[] baseline = BitString.nal(0x67, "01000010 00000000 00011110 1 1 1 1 010 0 000010100 0001111 1 1 0 0");
        assertThat(H264Sps.parse(baseline).mayReorder()).isFalse();
        // poc type 2 (011): output order is decode order
        byte[] pocType2 = BitString.nal(0x67, "01001101 00000000 00011110 1 1 011 010 0 000010100 0001111 1 1 0 0");
        assertThat(H264Sps.parse(pocType2).picOrderCntType()).isEqualTo(2);
        assertThat(H264Sps.parse(pocType2).mayReorder()).isFalse();
    }

    @Test
    void level1bAndNames() {
        byte[] b = BitString.nal(0x67, "01000010 00010000 00001011 1 1 1 1 010 0 000010100 0001111 1 1 0 0");
        H264Sps s = H264Sps.parse(b);
        assertThat(s.levelName()).isEqualTo("1b");
        assertThat(s.profileName()).isEqualTo("Baseline");
    }

    @Test
    void highProfileWithScalingMatricesAndInterlace() {
        // profile 100, chroma 1, depth 8/8, bypass 0, scaling matrix present: list 0 present with delta -8
        // (nextScale 0 after the first entry ends the list), other 7 lists absent; then poc 0,
        // 1 ref, 20x8 map units, field coding (frame_mbs_only 0, mbaff 1), cropping bottom 4 units (2*2*4=16 rows)
        // se(-8) is codeNum 16: 000010001
        String bits = "01100100 00000000 00011110 1 010 1 1 0 1 1 000010001 0000000"
                + " 1 1 1 010 0 000010100 0001000 0 1 1 1 1 1 1 011 0";
        H264Sps s = H264Sps.parse(BitString.nal(0x67, bits));
        assertThat(s.frameMbsOnly()).isFalse();
        assertThat(s.codedWidth()).isEqualTo(320);
        assertThat(s.codedHeight()).isEqualTo(2 * 8 * 16);
        assertThat(s.height()).isEqualTo(256 - 2 * 2 * 2);
    }

    @Test
    void croppingPastThePictureIsMalformed() {
        // 1x1 MB picture, crop right 100 units
        byte[] b = BitString.nal(0x67, "01000010 00000000 00011110 1 1 1 1 010 0 1 1 1 1 1 1 1 0000001100101 1 1 0");
        assertThatThrownBy(() -> H264Sps.parse(b)).isInstanceOf(CodecException.class)
                .hasMessageContaining("frame cropping leaves");
    }

    @Test
    void emulationPreventionIsRemovedBeforeParsing() {
        // the x264 SPS contains 00 00 03 sequences; parsing it proves unescaping, and the escaped form round-trips
        byte[] rbsp = Rbsp.unescape(H264Vectors.HIGH_720P30_SPS);
        assertThat(rbsp.length).isLessThan(H264Vectors.HIGH_720P30_SPS.length);
        assertThat(Rbsp.escape(rbsp)).isEqualTo(H264Vectors.HIGH_720P30_SPS);
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzParse(byte[] data) {
        try {
            H264Sps s = H264Sps.parse(data);
            assertThat(s.width()).isBetween(1, H264Sps.MAX_DIMENSION);
            assertThat(s.height()).isBetween(1, H264Sps.MAX_DIMENSION);
            s.mayReorder();
            s.profileName();
            s.levelName();
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }
}
