package io.livegate.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.StreamNotFoundException;
import io.livegate.router.StreamRegistry;
import io.livegate.router.StreamRouter;
import io.livegate.router.SubscriberInfo;
import io.livegate.router.Subscription;
import io.livegate.transcode.aac.AacDecoder;
import io.livegate.transcode.aac.PcmBlock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service end to end: ffmpeg-made AAC published into a real router, Opus out, decoded and measured. */
@Tag("e2e")
class OpusTranscodingTest {

    /** The stream timeline's origin in the Opus clock: where the first frame a publisher writes lands. */
    private static final long ORIGIN_48K = StreamRegistry.TIMELINE_ORIGIN_MICROS * 48 / 1000;

    static final int VIDEO = 0;
    static final int AUDIO = 1;
    static final Track VIDEO_TRACK = new Track(VIDEO, Codec.H264, 90_000, new CodecParameters.H264Parameters(
            List.of(new byte[] {0x67, 0x42, 0x00, 0x1f}), List.of(new byte[] {0x68})));

    @TempDir
    Path dir;
    final StreamRouter router = new StreamRouter();
    final ExecutorService loop = Executors.newSingleThreadExecutor();
    OpusTranscoding transcoding;

    @AfterEach
    void tearDown() {
        if (transcoding != null) {
            transcoding.close();
        }
        router.close();
        loop.shutdownNow();
    }

    static Track aacTrack(TestAudio.Aac aac) {
        return new Track(AUDIO, Codec.AAC, aac.config().sampleRate(), new CodecParameters.AacParameters(aac.asc()));
    }

    static Frame aacFrame(byte[] data, long pts) {
        return new Frame(AUDIO, pts, pts, true, new Payload.AacFrame(data), System.nanoTime());
    }

    static Frame video(long n, long pts) {
        return new Frame(VIDEO, pts, pts, n % 30 == 0, new Payload.NalUnits(List.of(new byte[] {0x65, (byte) n})),
                System.nanoTime());
    }

    Publisher publish(String path, Track... tracks) throws Exception {
        Publisher p = router.publish(new PublishRequest(path, "rtmp", "127.0.0.1:1", Map.of()), reason -> { });
        for (Track t : tracks) {
            p.setTrack(t);
        }
        return p;
    }

    void awaitFramesIn(String path, long n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> transcoding.transcoders().stream()
                .filter(i -> i.path().equals(path)).mapToLong(TranscoderInfo::framesIn).sum() >= n);
    }

    /** Decoded AAC, first channel, for reference level and phase. */
    static float[] decodeAac(TestAudio.Aac aac) throws Exception {
        AacDecoder d = new AacDecoder(aac.asc(), 8191);
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        int rate = 0;
        for (byte[] f : aac.frames()) {
            PcmBlock b = d.decode(f);
            parts.add(java.util.Arrays.copyOf(b.channel(0), b.samples()));
            total += b.samples();
            rate = b.sampleRate();
        }
        float[] out = new float[total];
        int pos = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    @ParameterizedTest(name = "{0} Hz, {1} channel(s)")
    @CsvSource({"44100, 2", "48000, 2", "44100, 1", "48000, 1", "22050, 1", "32000, 2"})
    void sineSurvivesTranscodeWithLevelFrequencyAndTiming(int rate, int channels) throws Exception {
        TestAudio.Aac aac = TestAudio.sine(dir, rate, channels, 2.0);
        transcoding = new OpusTranscoding(TranscodeConfig.DEFAULTS, router);
        Publisher p = publish("live/sine", VIDEO_TRACK, aacTrack(aac));
        Recorder r = new Recorder();
        Subscription s = transcoding.subscribe("live/sine", new SubscriberInfo("whep", "127.0.0.1:2"), loop, r);
        long n = 0;
        for (byte[] f : aac.frames()) {
            p.write(aacFrame(f, n * 1024));
            n++;
        }
        awaitFramesIn("live/sine", aac.frames().size());
        List<Frame> opus = r.opus(AUDIO);
        // Every sample of the input that filled whole packets came out: 2 s at 48 kHz, minus under 2 packets.
        long expectedPackets = aac.frames().size() * 1024L * 48_000 / rate / 960;
        await().atMost(Duration.ofSeconds(10)).until(() -> r.opus(AUDIO).size() >= expectedPackets - 1);
        opus = r.opus(AUDIO);
        assertThat(opus.size()).isBetween((int) expectedPackets - 1, (int) expectedPackets);

        // Tracks: the AAC track became Opus with the same id; video untouched.
        List<Track> seen = r.tracks.get(r.tracks.size() - 1);
        assertThat(seen).contains(VIDEO_TRACK);
        Track o = seen.stream().filter(t -> t.id() == AUDIO).findFirst().orElseThrow();
        assertThat(o.codec()).isEqualTo(Codec.OPUS);
        assertThat(o.clockRate()).isEqualTo(48_000);
        assertThat(o.parameters()).isEqualTo(new CodecParameters.OpusParameters(2, 0, rate));

        // Timestamps: one run, exactly 960 apart, starting where the stream's timeline puts the first AAC frame.
        assertThat(opus.get(0).pts()).isEqualTo(ORIGIN_48K);
        for (int i = 1; i < opus.size(); i++) {
            assertThat(opus.get(i).pts() - opus.get(i - 1).pts()).isEqualTo(960);
            assertThat(opus.get(i).dts()).isEqualTo(opus.get(i).pts());
        }

        // Frequency, level, SNR, and phase (= timing) against the AAC decoder's own output.
        float[][] pcm = TestAudio.decodeOpus(Recorder.packets(opus));
        int from = 4800;
        int to = pcm[0].length - 4800;
        double at1k = TestAudio.goertzel(pcm[0], from, to, 1000, 48_000);
        assertThat(at1k).isGreaterThan(20 * TestAudio.goertzel(pcm[0], from, to, 1500, 48_000));
        assertThat(at1k).isGreaterThan(20 * TestAudio.goertzel(pcm[0], from, to, 700, 48_000));
        double[] fit = TestAudio.fitSine(pcm[0], from, to, 1000, 48_000);
        double[] fitR = TestAudio.fitSine(pcm[1], from, to, 1000, 48_000);
        float[] ref = decodeAac(aac);
        int refRate = rate;
        double[] refFit = TestAudio.fitSine(ref, refRate / 10, ref.length - refRate / 10, 1000, refRate);
        double levelDb = 20 * Math.log10(fit[0] / refFit[0]);
        double offsetMs = phaseOffsetMs(fit[1], refFit[1]);
        System.out.printf("transcode %d Hz %d ch: SNR %.1f dB (AAC alone %.1f dB), level %+.2f dB, offset %.4f ms, "
                + "packets %d%n", rate, channels, fit[2], refFit[2], levelDb, offsetMs, opus.size());
        assertThat(fit[2]).as("SNR dB").isGreaterThan(30);
        assertThat(fitR[2]).as("SNR dB right").isGreaterThan(30);
        assertThat(Math.abs(levelDb)).as("level difference dB").isLessThan(0.5);
        assertThat(Math.abs(fitR[0] - fit[0]) / fit[0]).as("left/right balance").isLessThan(0.06);
        // 1 kHz repeats every ms, so this sees any offset modulo 1 ms: the 6.5 ms encoder delay would be 0.5 ms.
        assertThat(Math.abs(offsetMs)).as("A/V offset added, ms (mod 1)").isLessThan(0.05);
        assertThat(r.overlaps.get()).isZero();
        // Every callback on the viewer's executor (one thread here), none on the transcode workers.
        assertThat(r.threads).hasSize(1);
        assertThat(r.threads.iterator().next()).doesNotStartWith("livegate-transcode");
        s.close();
    }

    /**
     * Opus sample i is at time i/48000 from the first pts (the timeline's origin, a whole number of milliseconds);
     * AAC sample j at j/rate. Difference of phases as time.
     */
    static double phaseOffsetMs(double opusPhase, double aacPhase) {
        double d = (aacPhase - opusPhase) / (2 * Math.PI);
        d -= Math.rint(d);
        return d; // one period of 1 kHz is 1 ms
    }

    @Test
    void gapAndDiscontinuityReanchorAndVideoPassesThroughInOrder() throws Exception {
        TestAudio.Aac aac = TestAudio.sine(dir, 44_100, 2, 2.0);
        transcoding = new OpusTranscoding(TranscodeConfig.DEFAULTS, router);
        Publisher p = publish("live/gap", VIDEO_TRACK, aacTrack(aac));
        Recorder r = new Recorder();
        Subscription s = transcoding.subscribe("live/gap", new SubscriberInfo("whep", ""), loop, r);
        List<Frame> videoIn = new ArrayList<>();
        int half = aac.frames().size() / 2;
        long gap = 44_100; // one second missing after the first half
        for (int i = 0; i < aac.frames().size(); i++) {
            long pts = i * 1024L + (i >= half ? gap : 0);
            if (i % 2 == 0) {
                Frame v = video(i / 2, pts * 90_000 / 44_100);
                videoIn.add(v);
                p.write(v);
            }
            p.write(aacFrame(aac.frames().get(i), pts));
        }
        awaitFramesIn("live/gap", aac.frames().size());
        await().atMost(Duration.ofSeconds(10)).until(() -> r.track(VIDEO).size() == videoIn.size());
        // Video: the router's own frames, untouched, in order.
        List<Frame> videoOut = r.track(VIDEO);
        for (int i = 0; i < videoIn.size(); i++) {
            assertThat(videoOut.get(i).payload()).isSameAs(videoIn.get(i).payload());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> r.opus(AUDIO).size() >= 95);
        List<Frame> opus = r.opus(AUDIO);
        int jumps = 0;
        for (int i = 1; i < opus.size(); i++) {
            long step = opus.get(i).pts() - opus.get(i - 1).pts();
            assertThat(step).isGreaterThanOrEqualTo(960);
            if (step != 960) {
                jumps++;
                // The new run starts where the AAC frame after the gap says, on the 48 kHz clock.
                long expected = ORIGIN_48K + (half * 1024L + gap) * 48_000 / 44_100;
                assertThat(opus.get(i).pts()).isEqualTo(expected);
            }
        }
        assertThat(jumps).isEqualTo(1);
        assertThat(transcoding.transcoders().get(0).reanchors()).isEqualTo(1);

        // A publisher reconnect: the router sends a discontinuity, and the timeline re-anchors after the old end.
        long lastBefore = opus.get(opus.size() - 1).pts();
        p.close();
        Publisher p2 = publish("live/gap", VIDEO_TRACK, aacTrack(aac));
        for (int i = 0; i < 50; i++) {
            p2.write(aacFrame(aac.frames().get(i), 5_000_000 + i * 1024L));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> r.opus(AUDIO).size() >= opus.size() + 45);
        List<Frame> after = r.opus(AUDIO).subList(opus.size(), r.opus(AUDIO).size());
        assertThat(r.discontinuities.get()).isEqualTo(1);
        assertThat(after.get(0).pts()).isGreaterThan(lastBefore);
        for (int i = 1; i < after.size(); i++) {
            assertThat(after.get(i).pts() - after.get(i - 1).pts()).isEqualTo(960);
        }
        s.close();
    }

    @Test
    void oneTranscoderPerStreamStartedByFirstStoppedByLast() throws Exception {
        TestAudio.Aac aac = TestAudio.sine(dir, 48_000, 2, 1.0);
        transcoding = new OpusTranscoding(TranscodeConfig.DEFAULTS, router);
        Publisher p = publish("live/share", VIDEO_TRACK, aacTrack(aac));
        assertThat(transcoding.transcoders()).isEmpty();
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        ExecutorService loop2 = Executors.newFixedThreadPool(3); // a pool: callbacks must still not overlap
        try {
            Subscription sa = transcoding.subscribe("live/share", new SubscriberInfo("whep", "a"), loop, a);
            Subscription sb = transcoding.subscribe("live/share", new SubscriberInfo("whep", "b"), loop2, b);
            // Both viewers plus one transcoder on the router; one transcoder in the listing.
            assertThat(router.find("live/share").orElseThrow().subscriptions()).hasSize(3);
            for (int i = 0; i < aac.frames().size(); i++) {
                p.write(aacFrame(aac.frames().get(i), i * 1024L));
            }
            awaitFramesIn("live/share", aac.frames().size());
            await().atMost(Duration.ofSeconds(10)).until(() -> transcoding.transcoders().size() == 1
                    && a.opus(AUDIO).size() >= 48 && b.opus(AUDIO).size() >= 48);
            TranscoderInfo info = transcoding.transcoders().get(0);
            assertThat(info.subscribers()).isEqualTo(2);
            assertThat(info.framesIn()).isEqualTo(aac.frames().size());
            assertThat(info.inputSampleRate()).isEqualTo(48_000);
            assertThat(info.inputChannels()).isEqualTo(2);
            assertThat(info.outputBitrate()).isEqualTo(96_000);
            assertThat(info.cpuNanos()).isPositive();
            // The same packets (shared, not re-encoded per viewer).
            assertThat(a.opus(AUDIO).get(10).payload()).isSameAs(b.opus(AUDIO).get(10).payload());
            assertThat(sa.deliveredFrames()).isEqualTo(a.frames.size());

            sa.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> a.ended.get() != null);
            assertThat(transcoding.transcoders()).hasSize(1);
            assertThat(transcoding.transcoders().get(0).subscribers()).isEqualTo(1);
            sb.close();
            sb.close(); // idempotent
            await().atMost(Duration.ofSeconds(5)).until(() -> b.ended.get() != null);
            assertThat(transcoding.transcoders()).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(
                    () -> router.find("live/share").orElseThrow().subscriptions().isEmpty());
            assertThat(a.overlaps.get() + b.overlaps.get()).isZero();

            // A new first viewer starts a new transcoder.
            Recorder c = new Recorder();
            Subscription sc = transcoding.subscribe("live/share", new SubscriberInfo("whep", "c"), loop, c);
            await().atMost(Duration.ofSeconds(5)).until(() -> transcoding.transcoders().size() == 1);
            sc.close();
        } finally {
            loop2.shutdownNow();
        }
    }

    @Test
    void streamEndEndsViewersAndTranscoder() throws Exception {
        transcoding = new OpusTranscoding(TranscodeConfig.DEFAULTS, router);
        TestAudio.Aac aac = TestAudio.sine(dir, 48_000, 2, 0.2);
        publish("live/end", aacTrack(aac));
        Recorder r = new Recorder();
        transcoding.subscribe("live/end", new SubscriberInfo("whep", ""), loop, r);
        await().atMost(Duration.ofSeconds(5)).until(() -> transcoding.transcoders().size() == 1);
        router.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> r.ended.get() != null);
        await().atMost(Duration.ofSeconds(5)).until(() -> transcoding.transcoders().isEmpty());
    }

    @Test
    void missingStreamThrowsAndLeavesNothingBehind() {
        transcoding = new OpusTranscoding(TranscodeConfig.DEFAULTS, router);
        assertThatThrownBy(() -> transcoding.subscribe("live/none", new SubscriberInfo("whep", ""), loop,
                new Recorder())).isInstanceOf(StreamNotFoundException.class);
        assertThat(transcoding.transcoders()).isEmpty();
    }

    @Test
    void offGloballyOrPerPathPassesAacThrough() throws Exception {
        TestAudio.Aac aac = TestAudio.sine(dir, 48_000, 2, 0.2);
        transcoding = new OpusTranscoding(new TranscodeConfig(true, 64_000, 5, 1, Map.of("live/off", 0,
                "live/low", 32_000)), router);
        Publisher off = publish("live/off", aacTrack(aac));
        publish("live/low", aacTrack(aac));
        Recorder r = new Recorder();
        transcoding.subscribe("live/off", new SubscriberInfo("whep", ""), loop, r);
        off.write(aacFrame(aac.frames().get(0), 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> r.frames.size() == 1);
        assertThat(r.frames.get(0).payload()).isInstanceOf(Payload.AacFrame.class);
        assertThat(r.tracks.get(0).get(0).codec()).isEqualTo(Codec.AAC);
        assertThat(transcoding.transcoders()).isEmpty();

        Recorder low = new Recorder();
        transcoding.subscribe("live/low", new SubscriberInfo("whep", ""), loop, low);
        await().atMost(Duration.ofSeconds(5)).until(() -> transcoding.transcoders().size() == 1);
        assertThat(transcoding.transcoders().get(0).outputBitrate()).isEqualTo(32_000);
    }

    @Test
    void badFramesAreCountedReplacedBySilenceAndTheStreamGoesOn() throws Exception {
        TestAudio.Aac aac = TestAudio.sine(dir, 48_000, 2, 1.0);
        transcoding = new OpusTranscoding(TranscodeConfig.DEFAULTS, router);
        Publisher p = publish("live/bad", aacTrack(aac));
        Recorder r = new Recorder();
        transcoding.subscribe("live/bad", new SubscriberInfo("whep", ""), loop, r);
        java.util.Random rnd = new java.util.Random(7);
        int bad = 0;
        for (int i = 0; i < aac.frames().size(); i++) {
            byte[] f = aac.frames().get(i);
            if (i % 10 == 5) {
                f = new byte[f.length];
                rnd.nextBytes(f);
                bad++;
            } else if (i % 10 == 7) {
                f = java.util.Arrays.copyOf(f, 3); // truncated
                bad++;
            }
            p.write(aacFrame(f, i * 1024L));
        }
        awaitFramesIn("live/bad", aac.frames().size());
        TranscoderInfo info = transcoding.transcoders().get(0);
        // Random bytes can happen to decode; truncated frames never do.
        assertThat(info.badFrames()).isBetween((long) bad / 2, (long) bad);
        assertThat(info.reanchors()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> r.opus(AUDIO).size() >= 48);
        List<Frame> opus = r.opus(AUDIO);
        for (int i = 1; i < opus.size(); i++) {
            assertThat(opus.get(i).pts() - opus.get(i - 1).pts()).isEqualTo(960);
        }
    }

    @Test
    void unsupportedAacPassesThroughAsAac() throws Exception {
        transcoding = new OpusTranscoding(TranscodeConfig.DEFAULTS, router);
        // AAC-LD (object type 23), 48 kHz stereo: not something the decoder does.
        byte[] ld = {(byte) 0xB9, (byte) 0x90, 0x00};
        Track t = new Track(AUDIO, Codec.AAC, 48_000, new CodecParameters.AacParameters(ld));
        publish("live/ld", t);
        Recorder r = new Recorder();
        transcoding.subscribe("live/ld", new SubscriberInfo("whep", ""), loop, r);
        await().atMost(Duration.ofSeconds(5)).until(() -> !r.tracks.isEmpty());
        assertThat(r.tracks.get(0)).containsExactly(t);
    }

    @Test
    void aStalledViewerIsBoundedAndDoesNotHoldBackOthers() throws Exception {
        TestAudio.Aac aac = TestAudio.sine(dir, 48_000, 2, 1.0);
        transcoding = new OpusTranscoding(TranscodeConfig.DEFAULTS, router, new TranscodeLimits(8191, 24, 10));
        Publisher p = publish("live/stall", aacTrack(aac));
        List<Runnable> neverRun = new java.util.concurrent.CopyOnWriteArrayList<>();
        Recorder stalled = new Recorder();
        Recorder fine = new Recorder();
        Subscription ss = transcoding.subscribe("live/stall", new SubscriberInfo("whep", "stalled"), neverRun::add,
                stalled);
        transcoding.subscribe("live/stall", new SubscriberInfo("whep", "fine"), loop, fine);
        for (int i = 0; i < aac.frames().size(); i++) {
            p.write(aacFrame(aac.frames().get(i), i * 1024L));
            // In real time, as publishers send: the healthy viewer's 10-packet queue must not see one 1 s burst,
            // or it too would drop on a busy machine and the test would measure the scheduler, not the bound.
            Thread.sleep(21);
        }
        awaitFramesIn("live/stall", aac.frames().size());
        await().atMost(Duration.ofSeconds(10)).until(() -> fine.opus(AUDIO).size() >= 48);
        assertThat(stalled.frames).isEmpty();
        // Opus packets beyond the bound were dropped, not queued.
        assertThat(ss.droppedFrames()).isGreaterThanOrEqualTo(fine.opus(AUDIO).size() - 10L);
        assertThat(ss.queuedFrames()).isLessThanOrEqualTo(aac.frames().size() + 10);
    }
}
