package io.livegate.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline over long runs, fed directly (no router) for speed. */
@Tag("e2e")
class TrackTranscoderTest {

    @TempDir
    Path dir;

    /**
     * Three minutes of 44.1 kHz AAC with RTMP-style timestamps (whole milliseconds, rounded into the 44.1 kHz
     * clock, so +-22 ticks of jitter): one run, no re-anchor, and the last packet sits exactly where the sample
     * count says.
     */
    @Test
    void millisecondJitterNeverDriftsOrReanchors() throws Exception {
        TestAudio.Aac aac = TestAudio.sine(dir, 44_100, 2, 1.0);
        Track track = new Track(1, Codec.AAC, 44_100, new CodecParameters.AacParameters(aac.asc()));
        List<Frame> out = new ArrayList<>();
        TrackTranscoder t = new TrackTranscoder("x", track, 96_000, 0, TranscodeLimits.DEFAULTS, out::add);
        int frames = 180 * 44_100 / 1024;
        for (int i = 0; i < frames; i++) {
            long ms = Math.round(i * 1024 * 1000.0 / 44_100);
            long pts = Math.round(ms * 44.1);
            t.onFrame(new Frame(1, pts, pts, true, new Payload.AacFrame(aac.frames().get(i % aac.frames().size())), 0));
        }
        TranscoderInfo info = t.info("x", 0, 0);
        assertThat(info.reanchors()).isZero();
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).pts() - out.get(i - 1).pts()).isEqualTo(960);
        }
        // Every whole packet of the samples that went in came out.
        long samples48 = (long) frames * 1024 * 48_000 / 44_100;
        assertThat(out.size()).isBetween((int) (samples48 / 960) - 2, (int) (samples48 / 960));
    }

    /**
     * A publisher whose timestamps run 500 ppm fast against its sample clock: the Opus timeline follows the AAC
     * timestamps (re-anchoring whenever they part by more than a frame), so audio never strays further than one
     * AAC frame from where the source put it.
     */
    @Test
    void driftingSourceTimestampsAreFollowedWithinOneFrame() throws Exception {
        TestAudio.Aac aac = TestAudio.sine(dir, 48_000, 2, 1.0);
        Track track = new Track(1, Codec.AAC, 48_000, new CodecParameters.AacParameters(aac.asc()));
        List<Frame> out = new ArrayList<>();
        TrackTranscoder t = new TrackTranscoder("x", track, 96_000, 0, TranscodeLimits.DEFAULTS, out::add);
        int frames = 120 * 48_000 / 1024;
        List<Long> aacPts = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            long pts = Math.round(i * 1024 * 1.0005);
            aacPts.add(pts);
            t.onFrame(new Frame(1, pts, pts, true, new Payload.AacFrame(aac.frames().get(i % aac.frames().size())), 0));
        }
        // 60 ms of drift over two minutes: a re-anchor each time it passes one frame (21.3 ms).
        assertThat(t.info("x", 0, 0).reanchors()).isBetween(2L, 3L);
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).pts()).isGreaterThan(out.get(i - 1).pts());
        }
        // Packet k's pts against the AAC timestamp of the frame its first sample came from.
        Frame last = out.get(out.size() - 1);
        long lastAac = aacPts.get(aacPts.size() - 1);
        assertThat(Math.abs(last.pts() - lastAac)).isLessThan(2 * 1024);
    }

    /**
     * Absolute A/V alignment, not modulo a period: 2 kHz bursts every 0.5 s; the onset of each burst in the
     * decoded Opus (placed by its pts) and in the AAC decoder's output (placed by the AAC pts) must coincide.
     */
    @Test
    void burstOnsetsLandAtTheSameTimeAsInTheAac() throws Exception {
        TestAudio.Aac aac = TestAudio.ffmpegAac(dir,
                "aevalsrc='if(between(mod(t\\,0.5)\\,0.1\\,0.12)\\,0.5*sin(2*PI*2000*t)\\,0)':s=44100",
                44_100, 1, 2.0);
        Track track = new Track(1, Codec.AAC, 44_100, new CodecParameters.AacParameters(aac.asc()));
        List<Frame> out = new ArrayList<>();
        TrackTranscoder t = new TrackTranscoder("x", track, 96_000, 5, TranscodeLimits.DEFAULTS, out::add);
        for (int i = 0; i < aac.frames().size(); i++) {
            t.onFrame(new Frame(1, i * 1024L, i * 1024L, true, new Payload.AacFrame(aac.frames().get(i)), 0));
        }
        float[] ref = OpusTranscodingTest.decodeAac(aac);
        float[][] opus = TestAudio.decodeOpus(Recorder.packets(out));
        long first = out.get(0).pts();
        for (double burst : new double[] {0.6, 1.1, 1.6}) {
            double aacOnset = onset(ref, 44_100, burst - 0.05, 0) ;
            double opusOnset = onset(opus[0], 48_000, burst - 0.05, first);
            System.out.printf("burst at %.1f s: AAC onset %.3f ms, Opus onset %.3f ms%n", burst, aacOnset * 1000,
                    opusOnset * 1000);
            assertThat(Math.abs(opusOnset - aacOnset) * 1000).as("onset difference ms").isLessThan(0.25);
        }
    }

    /** Time of the first sample after {@code from} seconds reaching half the burst's peak. */
    private static double onset(float[] x, int rate, double from, long firstPts) {
        int start = (int) Math.round(from * rate - firstPts);
        int end = Math.min(x.length, start + rate / 10);
        float peak = 0;
        for (int i = start; i < end; i++) {
            peak = Math.max(peak, Math.abs(x[i]));
        }
        for (int i = start; i < end; i++) {
            if (Math.abs(x[i]) >= peak / 2) {
                return (firstPts + i) / (double) rate;
            }
        }
        throw new AssertionError("no burst after " + from);
    }
}
