package io.livegate.transcode.channel;

/**
 * Mixes planar AAC output of 1..8 channels to stereo. Immutable and thread-safe.
 *
 * <p>Matrices (inputs in AAC order, {@code k} = 0.7071 = -3 dB, rows normalised to a coefficient sum of 1 as
 * libswresample does for integer output):
 * <ul>
 *   <li>1 (C): L = R = C (a mono source is sent as stereo with identical channels; see the README for why)</li>
 *   <li>2 (L, R): unchanged</li>
 *   <li>3 (C, L, R): L = L + kC</li>
 *   <li>4 (C, L, R, S): L = L + kC + kS (the mono surround goes -3 dB to each side)</li>
 *   <li>5 (C, L, R, Ls, Rs) and 6 (+ LFE): L = L + kC + kLs, per BS.775 Table 2 for 3/2; LFE is dropped</li>
 *   <li>8, configuration 7 (C, Lc, Rc, L, R, Ls, Rs, LFE): L = L + Lc + kC + kLs</li>
 * </ul>
 * Any other count (not produced for configurations 1..7) keeps its first two channels.
 */
public final class StereoDownmix {

    /** -3 dB, ITU-R BS.775 Table 2. */
    public static final float K = 0.70710677f;

    private final int channels;
    /** Per input channel: gain into the left and right output. */
    private final float[] left;
    private final float[] right;

    public StereoDownmix(int channels) {
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("channels must be 1..8, was " + channels);
        }
        this.channels = channels;
        left = new float[channels];
        right = new float[channels];
        switch (channels) {
            case 1 -> {
                left[0] = 1;
                right[0] = 1;
            }
            case 3 -> set(new float[] {K, 1, 0}, new float[] {K, 0, 1});
            case 4 -> set(new float[] {K, 1, 0, K}, new float[] {K, 0, 1, K});
            case 5 -> set(new float[] {K, 1, 0, K, 0}, new float[] {K, 0, 1, 0, K});
            case 6 -> set(new float[] {K, 1, 0, K, 0, 0}, new float[] {K, 0, 1, 0, K, 0});
            case 8 -> set(new float[] {K, 1, 0, 1, 0, K, 0, 0}, new float[] {K, 0, 1, 0, 1, 0, K, 0});
            default -> {
                left[0] = 1;
                right[1] = 1;
            }
        }
    }

    private void set(float[] l, float[] r) {
        float sl = 0;
        float sr = 0;
        for (int i = 0; i < channels; i++) {
            sl += l[i];
            sr += r[i];
        }
        for (int i = 0; i < channels; i++) {
            left[i] = l[i] / sl;
            right[i] = r[i] / sr;
        }
    }

    public int inputChannels() {
        return channels;
    }

    /** Gain of input channel {@code c} into output {@code out} (0 left, 1 right). */
    public float gain(int c, int out) {
        return out == 0 ? left[c] : right[c];
    }

    /** Mixes {@code n} samples of {@code in[0..channels)} into {@code outL}/{@code outR}. */
    public void mix(float[][] in, int n, float[] outL, float[] outR) {
        if (channels == 2) {
            System.arraycopy(in[0], 0, outL, 0, n);
            System.arraycopy(in[1], 0, outR, 0, n);
            return;
        }
        if (channels == 1) {
            System.arraycopy(in[0], 0, outL, 0, n);
            System.arraycopy(in[0], 0, outR, 0, n);
            return;
        }
        java.util.Arrays.fill(outL, 0, n, 0f);
        java.util.Arrays.fill(outR, 0, n, 0f);
        for (int c = 0; c < channels; c++) {
            float gl = left[c];
            float gr = right[c];
            float[] x = in[c];
            if (gl != 0) {
                for (int i = 0; i < n; i++) {
                    outL[i] += gl * x[i];
                }
            }
            if (gr != 0) {
                for (int i = 0; i < n; i++) {
                    outR[i] += gr * x[i];
                }
            }
        }
    }
}
