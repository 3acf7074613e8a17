package io.livegate.transcode;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.livegate.codec.aac.AdtsHeader;
import io.livegate.codec.aac.AudioSpecificConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test audio: AAC made by ffmpeg at test time, Opus decoding, tone analysis. */
public final class TestAudio {

    private TestAudio() {
    }

    /** An ADTS file split into raw frames, with the config its first header implies. */
    public record Aac(AudioSpecificConfig config, byte[] asc, List<byte[]> frames) {
    }

    /**
     * Runs ffmpeg with a lavfi source and AAC-in-ADTS output. ffmpeg is required (CI installs it): a missing
     * binary fails the test rather than skipping it.
     */
    public static Aac ffmpegAac(Path dir, String lavfiSource, int sampleRate, int channels, double seconds,
                                String... extra) throws IOException, InterruptedException {
        Path out = dir.resolve("a" + System.nanoTime() + ".aac");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", lavfiSource, "-t", Double.toString(seconds), "-ar", Integer.toString(sampleRate),
                "-ac", Integer.toString(channels), "-c:a", "aac", "-b:a", channels > 2 ? "384k" : "160k"));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-f", "adts", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("ffmpeg timed out: " + cmd);
            }
            String log = new String(p.getInputStream().readAllBytes());
            if (p.exitValue() != 0) {
                throw new IOException("ffmpeg failed (" + p.exitValue() + "): " + log + " cmd " + cmd);
            }
        } finally {
            p.destroyForcibly();
        }
        byte[] data = Files.readAllBytes(out);
        AdtsHeader first = AdtsHeader.parse(data);
        AudioSpecificConfig asc = first.toAudioSpecificConfig();
        List<byte[]> frames = AdtsHeader.splitPayloads(data, 0, data.length, 100_000);
        return new Aac(asc, asc.toBytes(), frames);
    }

    /** A 1 kHz sine as the issue asks for. */
    public static Aac sine(Path dir, int sampleRate, int channels, double seconds) throws Exception {
        return ffmpegAac(dir, "sine=f=1000:sample_rate=" + sampleRate, sampleRate, channels, seconds);
    }

    /** Decodes Opus packets (stereo, 48 kHz) to planar floats at 16-bit scale. */
    public static float[][] decodeOpus(List<byte[]> packets) throws Exception {
        OpusDecoder d = new OpusDecoder(48_000, 2);
        float[][] out = new float[2][packets.size() * 960];
        short[] pcm = new short[5760 * 2];
        int pos = 0;
        for (byte[] p : packets) {
            int n = d.decode(p, 0, p.length, pcm, 0, 5760, false);
            for (int i = 0; i < n; i++) {
                out[0][pos + i] = pcm[2 * i];
                out[1][pos + i] = pcm[2 * i + 1];
            }
            pos += n;
        }
        return out;
    }

    /** Amplitude of the {@code freq} component of x[from..to) (Goertzel, normalised to a sine's peak). */
    public static double goertzel(float[] x, int from, int to, double freq, int rate) {
        double w = 2 * Math.PI * freq / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = x[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / (to - from);
    }

    /**
     * Least-squares fit of a sine of {@code freq} to x[from..to): returns {amplitude, phase (rad at index 0),
     * SNR in dB of the fit against the residual}.
     */
    public static double[] fitSine(float[] x, int from, int to, double freq, int rate) {
        double w = 2 * Math.PI * freq / rate;
        double ss = 0, cc = 0, sc = 0, xs = 0, xc = 0;
        for (int i = from; i < to; i++) {
            double s = Math.sin(w * i);
            double c = Math.cos(w * i);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += x[i] * s;
            xc += x[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (xs * cc - xc * sc) / det;
        double b = (xc * ss - xs * sc) / det;
        double signal = 0;
        double noise = 0;
        for (int i = from; i < to; i++) {
            double fit = a * Math.sin(w * i) + b * Math.cos(w * i);
            signal += fit * fit;
            double e = x[i] - fit;
            noise += e * e;
        }
        return new double[] {Math.hypot(a, b), Math.atan2(b, a), 10 * Math.log10(signal / Math.max(noise, 1e-30))};
    }
}
