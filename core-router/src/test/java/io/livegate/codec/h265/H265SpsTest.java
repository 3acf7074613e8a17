package io.livegate.codec.h265;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class H265SpsTest {

    @Test
    void x265Main720p30() {
        H265Sps s = H265Sps.parse(H265Vectors.SPS_720P30);
        ProfileTierLevel ptl = s.profileTierLevel();
        assertThat(ptl.profileSpace()).isZero();
        assertThat(ptl.tier()).isFalse();
        assertThat(ptl.profileIdc()).isEqualTo(1);
        assertThat(ptl.compatibilityFlags()).isEqualTo(0x60000000);
        assertThat(ptl.constraintFlags()).isEqualTo(0x900000000000L);
        assertThat(ptl.levelIdc()).isEqualTo(93);
        assertThat(s.profileIdc()).isEqualTo(1);
        assertThat(s.levelIdc()).isEqualTo(93);
        assertThat(s.tier()).isFalse();
        assertThat(s.profileSpace()).isZero();
        assertThat(s.compatibilityFlags()).isEqualTo(0x60000000);
        assertThat(s.constraintFlags()).isEqualTo(0x900000000000L);
        assertThat(s.profileName()).isEqualTo("Main");
        assertThat(s.levelName()).isEqualTo("3.1");
        assertThat(s.width()).isEqualTo(1280);
        assertThat(s.height()).isEqualTo(720);
        assertThat(s.chromaFormatIdc()).isEqualTo(1);
        assertThat(s.bitDepthLuma()).isEqualTo(8);
        assertThat(s.bitDepthChroma()).isEqualTo(8);
        assertThat(s.maxSubLayers()).isEqualTo(1);
        assertThat(s.maxNumReorderPics()).isPositive();
        assertThat(s.mayReorder()).isTrue();
        assertThat(s.frameRate()).isEqualTo(30.0);
    }

    @Test
    void x265Main1080p25() {
        H265Sps s = H265Sps.parse(H265Vectors.SPS_1080P25);
        assertThat(s.profileTierLevel().levelIdc()).isEqualTo(120);
        assertThat(s.levelName()).isEqualTo("4");
        assertThat(s.width()).isEqualTo(1920);
        assertThat(s.height()).isEqualTo(1080);
        assertThat(s.frameRate()).isEqualTo(25.0);
        assertThat(s.mayReorder()).isTrue();
    }

    @Test
    void vuiCutShortKeepsThePicture() {
        byte[] cut = Arrays.copyOf(H265Vectors.SPS_720P30, H265Vectors.SPS_720P30.length - 3);
        H265Sps s = H265Sps.parse(cut);
        assertThat(s.width()).isEqualTo(1280);
        assertThat(s.mayReorder()).isTrue();
        assertThat(s.frameRate()).isZero();
    }

    @Test
    void conformanceWindowCropsCodedWidth() {
        H265Sps s = H265Sps.parse(H265Vectors.SPS_480P24_CROPPED);
        assertThat(s.codedWidth()).isEqualTo(856);
        assertThat(s.width()).isEqualTo(854);
        assertThat(s.height()).isEqualTo(480);
        assertThat(s.profileTierLevel().levelIdc()).isEqualTo(90);
        assertThat(s.frameRate()).isEqualTo(24.0);
    }

    @Test
    void main10() {
        H265Sps s = H265Sps.parse(H265Vectors.SPS_MAIN10_480P24);
        assertThat(s.profileTierLevel().profileIdc()).isEqualTo(2);
        assertThat(s.profileTierLevel().compatibilityFlags()).isEqualTo(0x20000000);
        assertThat(s.profileName()).isEqualTo("Main 10");
        assertThat(s.bitDepthLuma()).isEqualTo(10);
        assertThat(s.bitDepthChroma()).isEqualTo(10);
        assertThat(s.width()).isEqualTo(854);
    }

    @Test
    void rejectsOtherTypesAndTruncation() {
        assertThatThrownBy(() -> H265Sps.parse(H265Vectors.VPS_720P30)).isInstanceOf(CodecException.class)
                .hasMessageContaining("NAL type 32 is not an SPS");
        assertThatThrownBy(() -> H265Sps.parse(bytes("42"))).isInstanceOf(CodecException.class);
        byte[] layer1 = H265Vectors.SPS_720P30.clone();
        layer1[1] = 0x09; // nuh_layer_id 1
        assertThatThrownBy(() -> H265Sps.parse(layer1)).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.UNSUPPORTED);
        for (int n = 2; n < 30; n += 3) {
            byte[] cut = Arrays.copyOf(H265Vectors.SPS_720P30, n);
            assertThatThrownBy(() -> H265Sps.parse(cut)).isInstanceOf(CodecException.class)
                    .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
        }
    }

    @Test
    void nalTypes() {
        assertThat(H265NalType.of(H265Vectors.VPS_720P30)).isEqualTo(H265NalType.VPS);
        assertThat(H265NalType.of(H265Vectors.SPS_720P30)).isEqualTo(H265NalType.SPS);
        assertThat(H265NalType.of(H265Vectors.PPS_720P30)).isEqualTo(H265NalType.PPS);
        assertThat(H265NalType.of(new byte[0])).isEqualTo(-1);
        // x265 keyframe: IDR_W_RADL (0x26 01), then TRAIL_R (0x02 01)
        assertThat(H265NalType.isKeyframe(List.of(H265Vectors.VPS_720P30, bytes("2601af")))).isTrue();
        assertThat(H265NalType.isKeyframe(List.of(bytes("0201d0")))).isFalse();
        assertThat(H265NalType.isKeyframe(List.of(bytes("2a01")))).isTrue(); // CRA
        assertThat(H265NalType.isIrap(H265NalType.RASL_R)).isFalse();
        assertThat(H265NalType.isVcl(H265NalType.CRA_NUT)).isTrue();
        assertThat(H265NalType.isVcl(H265NalType.PREFIX_SEI)).isFalse();
        assertThat(H265NalType.name(49)).isEqualTo("FU");
    }

    @Test
    void profileNamesFromCompatibilityFlags() {
        assertThat(new ProfileTierLevel(0, true, 0, 0x20000000, 0, 150).profileName()).isEqualTo("Main 10");
        assertThat(new ProfileTierLevel(0, true, 4, 0x08000000, 0, 153).profileName())
                .isEqualTo("Format Range Extensions");
        assertThat(new ProfileTierLevel(0, true, 4, 0, 0, 153).levelName()).isEqualTo("5.1");
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzParse(byte[] data) {
        try {
            H265Sps s = H265Sps.parse(data);
            assertThat(s.width()).isBetween(1, H265Sps.MAX_DIMENSION);
            assertThat(s.height()).isBetween(1, H265Sps.MAX_DIMENSION);
            s.profileName();
            s.levelName();
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }
}
