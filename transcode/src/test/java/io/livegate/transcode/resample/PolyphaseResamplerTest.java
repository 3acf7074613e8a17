package io.livegate.transcode.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.transcode.TestAudio;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolyphaseResamplerTest {

    /** Resamples a whole signal, in chunks of the given sizes (cycled), flushing at the end. */
    static float[] run(PolyphaseResampler r, float[] in, int... chunks) {
        float[] out = new float[r.maxOutput(in.length) + in.length];
        int pos = 0;
        int produced = 0;
        int k = 0;
        while (pos < in.length) {
            int n = Math.min(chunks[k++ % chunks.length], in.length - pos);
            float[][] chunk = {java.util.Arrays.copyOfRange(in, pos, pos + n)};
            float[][] o = {new float[r.maxOutput(n)]};
            int m = r.process(chunk, n, o);
            System.arraycopy(o[0], 0, out, produced, m);
            produced += m;
            pos += n;
        }
        float[][] o = {new float[r.maxOutput(64)]};
        int m = r.flush(o);
        System.arraycopy(o[0], 0, out, produced, m);
        produced += m;
        return java.util.Arrays.copyOf(out, produced);
    }

    static float[] sine(double freq, int rate, int n, double amp) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * freq * i / rate));
        }
        return x;
    }

    @ParameterizedTest(name = "{0} -> {1} Hz at {2} Hz")
    @CsvSource({"44100, 48000, 1000", "44100, 48000, 15000", "22050, 48000, 5000", "32000, 48000, 12000",
        "8000, 48000, 3000", "96000, 48000, 1000", "88200, 48000, 17000", "7350, 48000, 2000", "11025, 48000, 4000"})
    void inBandSineIsCleanAndInPhase(int in, int out, double freq) {
        PolyphaseResampler r = new PolyphaseResampler(in, out, 1);
        float[] y = run(r, sine(freq, in, in, 10_000), 1024, 333, 2048, 1);
        // Exactly one second out for one second in: output n sits at input time n * in / out.
        assertThat(y.length).isEqualTo(out);
        double[] fit = TestAudio.fitSine(y, out / 10, out - out / 10, freq, out);
        assertThat(fit[2]).as("SNR dB").isGreaterThan(70);
        assertThat(fit[0]).isCloseTo(10_000, org.assertj.core.data.Offset.offset(150.0));
        // In phase with the input: no delay added to the timeline.
        assertThat(Math.abs(fit[1])).as("phase rad").isLessThan(1e-3);
    }

    @Test
    void aliasesAreRejectedWhenDownsampling() {
        // 46 kHz at 96 kHz would alias to 2 kHz at 48 kHz.
        PolyphaseResampler r = new PolyphaseResampler(96_000, 48_000, 1);
        float[] y = run(r, sine(46_000, 96_000, 96_000, 10_000), 4096);
        double alias = TestAudio.goertzel(y, 4800, 43200, 2000, 48_000);
        assertThat(20 * Math.log10(alias / 10_000)).as("alias dB").isLessThan(-75);
    }

    @Test
    void imagesAreRejectedWhenUpsampling() {
        // 21 kHz at 44.1 kHz images to 23.1 kHz at 48 kHz; content near the old Nyquist is attenuated too.
        PolyphaseResampler r = new PolyphaseResampler(44_100, 48_000, 1);
        float[] y = run(r, sine(20_000, 44_100, 44_100, 10_000), 4096);
        double image = TestAudio.goertzel(y, 4800, 43200, 24_100, 48_000);
        assertThat(20 * Math.log10(image / 10_000 + 1e-12)).as("image dB").isLessThan(-70);
    }

    @Test
    void chunkingDoesNotChangeTheOutputAndNothingDrifts() {
        float[] noise = new float[44_100 * 3];
        Random rnd = new Random(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (rnd.nextGaussian() * 3000);
        }
        float[] a = run(new PolyphaseResampler(44_100, 48_000, 1), noise, noise.length);
        float[] b = run(new PolyphaseResampler(44_100, 48_000, 1), noise, 1, 7, 1024, 4095, 2);
        assertThat(b).containsExactly(a);
        assertThat(a.length).isEqualTo(48_000 * 3);
    }

    @Test
    void equalRatesPassThrough() {
        PolyphaseResampler r = new PolyphaseResampler(48_000, 48_000, 2);
        float[][] in = {{1, 2, 3}, {4, 5, 6}};
        float[][] out = new float[2][r.maxOutput(3)];
        assertThat(r.process(in, 3, out)).isEqualTo(3);
        assertThat(out[1][2]).isEqualTo(6);
    }

    @Test
    void refusesRatiosItCannotDoExactly() {
        assertThat(PolyphaseResampler.supports(44_101, 48_000)).isFalse();
        assertThat(PolyphaseResampler.supports(0, 48_000)).isFalse();
        for (int rate : new int[] {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000,
            7350}) {
            assertThat(PolyphaseResampler.supports(rate, 48_000)).as("" + rate).isTrue();
        }
        assertThatThrownBy(() -> new PolyphaseResampler(44_101, 48_000, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("44101");
    }
}
