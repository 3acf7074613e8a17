package io.livegate.transcode.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.livegate.transcode.TestAudio;
import io.livegate.transcode.aac.AacDecoder;
import io.livegate.transcode.aac.PcmBlock;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StereoDownmixTest {

    @TempDir
    Path dir;

    static final float NORM = 1 / (1 + 2 * StereoDownmix.K);

    @Test
    void fivePointOneUsesBs775CoefficientsNormalisedAndDropsLfe() {
        StereoDownmix m = new StereoDownmix(6); // C L R Ls Rs LFE
        assertThat(m.gain(0, 0)).isCloseTo(StereoDownmix.K * NORM, offset(1e-6f));
        assertThat(m.gain(1, 0)).isCloseTo(NORM, offset(1e-6f));
        assertThat(m.gain(2, 0)).isZero();
        assertThat(m.gain(3, 0)).isCloseTo(StereoDownmix.K * NORM, offset(1e-6f));
        assertThat(m.gain(4, 0)).isZero();
        assertThat(m.gain(4, 1)).isCloseTo(StereoDownmix.K * NORM, offset(1e-6f));
        assertThat(m.gain(5, 0)).isZero();
        assertThat(m.gain(5, 1)).isZero();
        // Full-scale everywhere never clips.
        float[][] in = new float[6][4];
        for (float[] c : in) {
            java.util.Arrays.fill(c, 32767f);
        }
        float[] l = new float[4];
        float[] r = new float[4];
        m.mix(in, 4, l, r);
        assertThat(l[0]).isCloseTo(32767f, offset(0.5f));
        assertThat(r[3]).isCloseTo(32767f, offset(0.5f));
    }

    @Test
    void monoIsDuplicatedAndStereoUntouched() {
        float[] l = new float[2];
        float[] r = new float[2];
        new StereoDownmix(1).mix(new float[][] {{3, -4}}, 2, l, r);
        assertThat(l).containsExactly(3, -4);
        assertThat(r).containsExactly(3, -4);
        new StereoDownmix(2).mix(new float[][] {{1, 2}, {5, 6}}, 2, l, r);
        assertThat(l).containsExactly(1, 2);
        assertThat(r).containsExactly(5, 6);
        assertThatThrownBy(() -> new StereoDownmix(9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("e2e")
    void ffmpegFivePointOneDecodesInAacOrderAndDownmixes() throws Exception {
        // ffmpeg order FL FR FC LFE BL BR, one tone each; the AAC bitstream carries C, L/R, Ls/Rs, LFE.
        String src = "aevalsrc=0.2*sin(2*PI*500*t)|0.2*sin(2*PI*700*t)|0.2*sin(2*PI*1000*t)|0.2*sin(2*PI*60*t)"
                + "|0.2*sin(2*PI*1300*t)|0.2*sin(2*PI*1900*t):s=48000:c=5.1";
        TestAudio.Aac aac = TestAudio.ffmpegAac(dir, src, 48_000, 6, 1.0);
        AacDecoder d = new AacDecoder(aac.asc(), 8191);
        StereoDownmix m = new StereoDownmix(6);
        int n = aac.frames().size() * 1024;
        float[] left = new float[n];
        float[] right = new float[n];
        int pos = 0;
        float[] l = new float[1024];
        float[] r = new float[1024];
        for (byte[] f : aac.frames()) {
            PcmBlock b = d.decode(f);
            assertThat(b.channelCount()).isEqualTo(6);
            float[][] ch = new float[6][];
            for (int c = 0; c < 6; c++) {
                ch[c] = b.channel(c);
            }
            m.mix(ch, b.samples(), l, r);
            System.arraycopy(l, 0, left, pos, b.samples());
            System.arraycopy(r, 0, right, pos, b.samples());
            pos += b.samples();
        }
        double full = 0.2 * 32768;
        int from = 4800;
        int to = pos - 4800;
        assertThat(TestAudio.goertzel(left, from, to, 500, 48_000) / full).isCloseTo(NORM, offset(0.03));
        assertThat(TestAudio.goertzel(left, from, to, 1000, 48_000) / full).isCloseTo(StereoDownmix.K * NORM,
                offset(0.03));
        assertThat(TestAudio.goertzel(left, from, to, 1300, 48_000) / full).isCloseTo(StereoDownmix.K * NORM,
                offset(0.03));
        assertThat(TestAudio.goertzel(left, from, to, 700, 48_000) / full).isLessThan(0.01);
        assertThat(TestAudio.goertzel(left, from, to, 1900, 48_000) / full).isLessThan(0.01);
        assertThat(TestAudio.goertzel(right, from, to, 700, 48_000) / full).isCloseTo(NORM, offset(0.03));
        assertThat(TestAudio.goertzel(right, from, to, 1900, 48_000) / full).isCloseTo(StereoDownmix.K * NORM,
                offset(0.03));
        assertThat(TestAudio.goertzel(right, from, to, 60, 48_000) / full).as("LFE dropped").isLessThan(0.01);
    }
}
