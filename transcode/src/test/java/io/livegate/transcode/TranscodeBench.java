package io.livegate.transcode;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.transcode.aac.AacDecoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CPU and latency of one stream's transcode, no JMH: transcodes 60 s of stereo AAC (ffmpeg-made: two tones plus
 * noise) on one thread and prints CPU time per media time, per sample rate and complexity, and the media delay
 * the transcoder adds (from a packet's first sample to the AAC frame that completes it).
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:$(deps) io.livegate.transcode.TranscodeBench [seconds]}
 */
public final class TranscodeBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TranscodeBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        Path dir = Files.createTempDirectory("transcode-bench");
        try {
            // Music-like: independent pink noise per channel under a tone. (White noise instead makes ffmpeg's
            // encoder emit spectral values of 8191, which JAAD 0.9.8 cannot decode: see the README.)
            String src = args.length > 1 ? args[1] : "anoisesrc=c=pink:r=48000:a=0.1:seed=1[a];"
                    + "anoisesrc=c=pink:r=48000:a=0.1:seed=2[b];[a][b]join=inputs=2:channel_layout=stereo[n];"
                    + "sine=f=440:sample_rate=48000,aformat=channel_layouts=stereo[s];[n][s]amix=inputs=2[out0]";
            for (int rate : new int[] {48_000, 44_100}) {
                TestAudio.Aac aac = TestAudio.ffmpegAac(dir, src, rate, 2, seconds);
                double media = aac.frames().size() * 1024.0 / rate;
                // Decode alone, for the split.
                for (int warm = 0; warm < 2; warm++) {
                    AacDecoder d = new AacDecoder(aac.asc(), 8191);
                    long t0 = THREADS.getCurrentThreadCpuTime();
                    int bad = 0;
                    for (byte[] f : aac.frames()) {
                        try {
                            d.decode(f);
                        } catch (io.livegate.transcode.aac.AacDecodeException e) {
                            bad++;
                        }
                    }
                    long cpu = THREADS.getCurrentThreadCpuTime() - t0;
                    if (warm == 1) {
                        System.out.printf("rate=%d decode_only cpu_per_media=%.4f (%.2f %% of one core) frames=%d "
                                + "undecodable=%d%n", rate, cpu / 1e9 / media, 100 * cpu / 1e9 / media,
                                aac.frames().size(), bad);
                    }
                }
                for (int complexity : new int[] {0, 2, 5, 8, 10}) {
                    run(aac, rate, complexity, media, false);
                    run(aac, rate, complexity, media, true);
                }
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(TestAudio.Aac aac, int rate, int complexity, double media, boolean report) throws Exception {
        Track track = new Track(1, Codec.AAC, rate, new CodecParameters.AacParameters(aac.asc()));
        List<Frame> out = new ArrayList<>();
        TrackTranscoder t = new TrackTranscoder("bench", track, 96_000, complexity, TranscodeLimits.DEFAULTS, out::add);
        List<Double> lagMs = new ArrayList<>();
        long[] wall = new long[aac.frames().size()];
        long bytes = 0;
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < aac.frames().size(); i++) {
            long pts = i * 1024L;
            int before = out.size();
            long w0 = System.nanoTime();
            t.onFrame(new Frame(1, pts, pts, true, new Payload.AacFrame(aac.frames().get(i)), w0));
            wall[i] = System.nanoTime() - w0;
            double end48 = (pts + 1024) * 48_000.0 / rate;
            for (int k = before; k < out.size(); k++) {
                lagMs.add((end48 - out.get(k).pts()) / 48.0);
            }
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - t0;
        if (!report) {
            return;
        }
        for (Frame f : out) {
            bytes += f.size();
        }
        double[] lags = lagMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long[] w = wall.clone();
        Arrays.sort(w);
        System.out.printf("rate=%d complexity=%d cpu_per_media=%.4f (%.2f %% of one core, %.0fx realtime) "
                        + "bitrate=%.1f kb/s packets=%d lag_ms(avg/max)=%.1f/%.1f frame_wall_us(median/p99)=%.0f/%.0f%n",
                rate, complexity, cpu / 1e9 / media, 100 * cpu / 1e9 / media, media / (cpu / 1e9),
                bytes * 8 / media / 1000, out.size(), Arrays.stream(lags).average().orElse(0),
                lags.length == 0 ? 0 : lags[lags.length - 1], w[w.length / 2] / 1e3, w[w.length * 99 / 100] / 1e3);
    }
}
