package io.livegate.transcode.resample;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streaming rational resampler, planar float, any channel count.
 *
 * <p>Filter: a windowed-sinc low-pass with the cutoff at {@link #CUTOFF} of the lower of the two rates (0.4595 fs,
 * so about 20.3 kHz at 44.1 kHz), Kaiser window with beta {@link #KAISER_BETA} (about 81 dB stopband
 * attenuation), {@link #HALF_TAPS} taps each side counted in samples of the lower rate (64 taps per output sample
 * when upsampling, 64 * in/out when downsampling). With that length the Kaiser transition band is about 0.081 fs
 * wide, so it ends at the lower rate's Nyquist frequency: images (upsampling) and aliases (downsampling) are
 * attenuated by at least ~80 dB, the passband is flat to about 0.42 fs (18.5 kHz at 44.1 kHz). Each phase is
 * normalised to unity DC gain.
 *
 * <p>Timing: output sample n is the input signal at input time n * in / out exactly; the resampler waits for
 * {@link #HALF_TAPS} (scaled) future input samples before producing it, which is its only latency (0.7 ms at
 * 44.1 kHz). Equal rates pass samples through untouched.
 */
public final class PolyphaseResampler {

    /** Taps each side of the centre, in samples of the lower rate. */
    public static final int HALF_TAPS = 32;
    /** Kaiser beta: about 81 dB stopband attenuation (A = beta / 0.1102 + 8.7). */
    public static final double KAISER_BETA = 8.0;
    /** The -6 dB point as a fraction of the lower rate; the transition band then ends at its Nyquist frequency. */
    public static final double CUTOFF = 0.4595;
    /** Phase tables larger than this are refused: every standard AAC rate to 48 kHz needs at most 640. */
    public static final int MAX_PHASES = 4096;

    private record Filter(int phases, int step, int taps, float[][] coefficients) {
    }

    private static final Map<Long, Filter> FILTERS = new ConcurrentHashMap<>();

    private final int inRate;
    private final int outRate;
    private final int channels;
    private final Filter filter;
    private float[][] buffer;
    private int length;
    /** Buffer index of the integer part of the next output's input time. */
    private int position;
    /** Fractional part of that time, in 1/phases. */
    private int phase;
    /** Input and output samples since the last reset, for the flush's exact end. */
    private long totalIn;
    private long totalOut;

    /**
     * @throws IllegalArgumentException when the rates are not positive or need more than {@link #MAX_PHASES}
     */
    public PolyphaseResampler(int inRate, int outRate, int channels) {
        if (!supports(inRate, outRate)) {
            throw new IllegalArgumentException("cannot resample " + inRate + " Hz to " + outRate + " Hz (more than "
                    + MAX_PHASES + " phases)");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, was " + channels);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        this.channels = channels;
        this.filter = inRate == outRate ? null : FILTERS.computeIfAbsent((long) inRate << 32 | outRate,
                k -> design(inRate, outRate));
        this.buffer = new float[channels][filter == null ? 0 : filter.taps * 4 + 4096];
        reset();
    }

    /** Whether the ratio is one this class resamples exactly. */
    public static boolean supports(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            return false;
        }
        long g = gcd(inRate, outRate);
        return outRate / g <= MAX_PHASES && inRate / g <= 64L * MAX_PHASES && inRate <= 8L * outRate;
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /** Forgets all input: the next input sample is time zero again. */
    public void reset() {
        if (filter == null) {
            return;
        }
        // The first output (time 0) needs HALF_TAPS samples of silence before the first input sample.
        int lead = filter.taps / 2 - 1;
        for (float[] b : buffer) {
            java.util.Arrays.fill(b, 0, lead, 0f);
        }
        length = lead;
        position = lead;
        phase = 0;
        totalIn = 0;
        totalOut = 0;
    }

    /** Upper bound of the samples one {@link #process} call of {@code n} input samples can return. */
    public int maxOutput(int n) {
        return (int) ((long) (n + (filter == null ? 0 : filter.taps)) * outRate / inRate) + 2;
    }

    /**
     * Consumes {@code n} samples of each channel and writes what can be produced so far.
     *
     * @param out arrays of at least {@link #maxOutput(int)} samples each
     * @return samples written per channel
     */
    public int process(float[][] in, int n, float[][] out) {
        if (filter == null) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(in[c], 0, out[c], 0, n);
            }
            return n;
        }
        append(in, n);
        totalIn += n;
        return drain(out, Integer.MAX_VALUE);
    }

    /**
     * Feeds silence for the filter's look-ahead so every output up to the end of the input so far is written:
     * the stream ends here, call {@link #reset()} before reusing.
     */
    public int flush(float[][] out) {
        if (filter == null) {
            return 0;
        }
        float[][] zeros = new float[channels][filter.taps / 2 + 1];
        append(zeros, zeros[0].length);
        // Only outputs whose time lies before the end of the real input.
        long end = Math.ceilDiv(totalIn * filter.phases, filter.step);
        return drain(out, (int) Math.max(0, end - totalOut));
    }

    private void append(float[][] in, int n) {
        int keep = Math.max(0, position - filter.taps / 2 + 1);
        if (keep > 0) {
            for (float[] b : buffer) {
                System.arraycopy(b, keep, b, 0, length - keep);
            }
            length -= keep;
            position -= keep;
        }
        if (length + n > buffer[0].length) {
            float[][] grown = new float[channels][Math.max(length + n, buffer[0].length * 2)];
            for (int c = 0; c < channels; c++) {
                System.arraycopy(buffer[c], 0, grown[c], 0, length);
            }
            buffer = grown;
        }
        for (int c = 0; c < channels; c++) {
            System.arraycopy(in[c], 0, buffer[c], length, n);
        }
        length += n;
    }

    private int drain(float[][] out, int limit) {
        int taps = filter.taps;
        int half = taps / 2;
        int phases = filter.phases;
        int step = filter.step;
        float[][] coefficients = filter.coefficients;
        int produced = 0;
        while (position + half < length && produced < limit) {
            float[] h = coefficients[phase];
            int start = position - half + 1;
            for (int c = 0; c < channels; c++) {
                float[] x = buffer[c];
                float acc = 0f;
                for (int j = 0; j < taps; j++) {
                    acc += h[j] * x[start + j];
                }
                out[c][produced] = acc;
            }
            produced++;
            phase += step;
            position += phase / phases;
            phase %= phases;
        }
        totalOut += produced;
        return produced;
    }

    private static Filter design(int inRate, int outRate) {
        long g = gcd(inRate, outRate);
        int phases = (int) (outRate / g);
        int step = (int) (inRate / g);
        double lower = Math.min(inRate, outRate);
        // Cutoff in cycles per input sample, and the half length in input samples.
        double fc = CUTOFF * lower / inRate;
        int half = (int) Math.ceil(HALF_TAPS * (double) inRate / lower);
        int taps = 2 * half;
        double i0Beta = besselI0(KAISER_BETA);
        float[][] coefficients = new float[phases][taps];
        for (int r = 0; r < phases; r++) {
            double sum = 0;
            double[] h = new double[taps];
            for (int j = 0; j < taps; j++) {
                double x = (double) r / phases + half - 1 - j;
                double w = x / half;
                double window = Math.abs(w) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - w * w)) / i0Beta;
                double arg = 2 * fc * x;
                double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
                h[j] = 2 * fc * sinc * window;
                sum += h[j];
            }
            for (int j = 0; j < taps; j++) {
                coefficients[r][j] = (float) (h[j] / sum);
            }
        }
        return new Filter(phases, step, taps, coefficients);
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 64; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
