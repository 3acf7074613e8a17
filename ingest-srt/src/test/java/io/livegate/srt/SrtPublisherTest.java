package io.livegate.srt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Track;
import io.livegate.srt.mpegts.ElementaryStream;
import io.livegate.srt.mpegts.MediaUnit;
import io.livegate.srt.mpegts.ProgramMap;
import io.livegate.srt.mpegts.StreamKind;
import io.livegate.srt.mpegts.TsDemuxer;
import io.livegate.srt.mpegts.TsException;
import io.livegate.srt.mpegts.TsLimits;
import io.livegate.testing.RecordingPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class SrtPublisherTest {

    private static final ElementaryStream AAC = new ElementaryStream(0x101, 0x0F, StreamKind.AAC_ADTS, 0, 0);
    private static final ElementaryStream H264 = new ElementaryStream(0x100, 0x1B, StreamKind.H264, 0, 0);
    private static final ElementaryStream AAC2 = new ElementaryStream(0x102, 0x0F, StreamKind.AAC_ADTS, 0, 0);
    private static final ElementaryStream MP2 = new ElementaryStream(0x103, 0x03, StreamKind.MPEG_AUDIO, 0, 0);

    private final RecordingPublisher router = new RecordingPublisher("live/test");
    private final SrtPublisher publisher = new SrtPublisher(router, "test");

    private static byte[] nal(int... b) {
        byte[] n = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            n[i] = (byte) b[i];
        }
        return n;
    }

    @Test
    void videoIsTrackZeroAndAudioTrackOneWhateverThePmtOrder() {
        publisher.onProgram(new ProgramMap(0, 1, 0x100, List.of(AAC, MP2, H264, AAC2)));
        byte[] asc = {0x11, (byte) 0x90};
        publisher.onUnit(new MediaUnit.Audio(AAC, 48_000, 1000, 2, 1024, new byte[] {1}, asc, false));
        publisher.onUnit(new MediaUnit.Audio(AAC2, 48_000, 1000, 2, 1024, new byte[] {2}, asc, false));
        assertThat(router.tracks).extracting(Track::id).containsExactly(1, 2);
        assertThat(router.tracks.get(0).codec()).isEqualTo(Codec.AAC);
        assertThat(router.tracks.get(0).clockRate()).isEqualTo(48_000);
        assertThat(((CodecParameters.AacParameters) router.tracks.get(0).parameters()).audioSpecificConfig())
                .isEqualTo(asc);
        assertThat(router.frames).extracting(Frame::trackId).containsExactly(1, 2);
        assertThat(router.frames.get(0).pts()).isEqualTo(1000);
    }

    @Test
    void videoWaitsForAKeyframeWithParameterSets() {
        publisher.onProgram(new ProgramMap(0, 1, 0x100, List.of(H264)));
        byte[] sps = nal(0x67, 0x42, 0xC0, 0x1E);
        byte[] pps = nal(0x68, 0xCE, 0x3C, 0x80);
        publisher.onUnit(new MediaUnit.Video(H264, 3000, 3000, List.of(nal(0x41, 1)), false, false));
        publisher.onUnit(new MediaUnit.Video(H264, 6000, 6000, List.of(sps, pps, nal(0x41, 2)), false, false));
        assertThat(router.frames).isEmpty(); // parameters known now, but no keyframe yet
        assertThat(router.tracks).hasSize(1);
        publisher.onUnit(new MediaUnit.Video(H264, 9000, 6000, List.of(sps, pps, nal(0x65, 3)), true, false));
        publisher.onUnit(new MediaUnit.Video(H264, 12000, 9000, List.of(nal(0x41, 4)), false, true));
        assertThat(router.tracks).hasSize(1); // the same parameter sets again change nothing
        Track t = router.tracks.get(0);
        assertThat(t.id()).isZero();
        assertThat(t.codec()).isEqualTo(Codec.H264);
        assertThat(t.clockRate()).isEqualTo(90_000);
        assertThat(((CodecParameters.H264Parameters) t.parameters()).sps().get(0)).isEqualTo(sps);
        assertThat(router.frames).extracting(Frame::keyframe).containsExactly(true, false);
        assertThat(router.frames.get(0).compositionOffset()).isEqualTo(3000);
        assertThat(publisher.damagedIn()).isEqualTo(1);
    }

    @Test
    void ffmpegStreamEndToEndThroughTheDemuxer() throws IOException {
        byte[] ts;
        try (InputStream in = getClass().getResourceAsStream("mpegts/hevc-opus-1s.ts")) {
            ts = in.readAllBytes();
        }
        TsDemuxer d = new TsDemuxer(TsLimits.DEFAULT, publisher);
        d.feed(ts, 0, ts.length);
        d.flush();
        assertThat(router.tracks).extracting(Track::codec).containsExactlyInAnyOrder(Codec.H265, Codec.OPUS);
        Track opus = router.tracks.stream().filter(t -> t.codec() == Codec.OPUS).findFirst().orElseThrow();
        assertThat(opus.id()).isEqualTo(1);
        assertThat(((CodecParameters.OpusParameters) opus.parameters()).channels()).isEqualTo(1);
        assertThat(router.frames.stream().filter(f -> f.trackId() == 0).count()).isEqualTo(25);
        assertThat(router.frames.stream().filter(f -> f.trackId() == 1).count()).isEqualTo(51);
        assertThat(publisher.framesIn()).isEqualTo(76);
    }

    /** Demuxer and publisher together on any bytes: only {@link TsException} may escape. */
    @FuzzTest(maxDuration = "10s")
    void fuzzPipeline(byte[] data) {
        RecordingPublisher r = new RecordingPublisher("live/test");
        TsDemuxer d = new TsDemuxer(new TsLimits(64 * 1024, 4096, 4, 8, 32), new SrtPublisher(r, "fuzz"));
        try {
            d.feed(data, 0, data.length);
            d.flush();
        } catch (TsException expected) {
            // the only failure allowed
        }
        for (Frame f : r.frames) {
            assertThat(r.tracks).anyMatch(t -> t.id() == f.trackId());
        }
    }
}
