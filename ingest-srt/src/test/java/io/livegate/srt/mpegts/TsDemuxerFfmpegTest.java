package io.livegate.srt.mpegts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transport streams written by ffmpeg 5.1 (committed resources; counts from ffprobe -count_frames):
 * h264-aac-2s.ts is 2 s of testsrc2 320x180@30 (libx264, -g 30) and a 48 kHz mono sine (aac) with 60 video and
 * 95 audio frames; hevc-opus-1s.ts is 1 s at 25 fps (libx265, -g 25) with 51 mono Opus packets;
 * h264-aac-ptswrap-2s.ts is 2 s (60 video, 88 frames of 44.1 kHz stereo AAC) written with
 * {@code -output_ts_offset 95441.5}, so its 33-bit PTS wraps about 0.8 s in.
 */
class TsDemuxerFfmpegTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = TsDemuxerFfmpegTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static CollectingListener demux(byte[] ts, int chunk) {
        CollectingListener l = new CollectingListener();
        TsDemuxer d = new TsDemuxer(TsLimits.DEFAULT, l);
        for (int off = 0; off < ts.length; off += chunk) {
            d.feed(ts, off, Math.min(chunk, ts.length - off));
        }
        d.flush();
        assertThat(d.counters().continuityErrors()).isZero();
        assertThat(d.counters().syncLosses()).isZero();
        assertThat(d.counters().crcErrors()).isZero();
        assertThat(d.counters().badPes()).isZero();
        return l;
    }

    @Test
    void h264AndAacFromFfmpegInSrtSizedMessages() throws IOException {
        CollectingListener l = demux(resource("h264-aac-2s.ts"), 1316);
        assertThat(l.programs).hasSize(1);
        assertThat(l.programs.get(0).streams()).extracting(ElementaryStream::kind)
                .containsExactly(StreamKind.H264, StreamKind.AAC_ADTS);
        List<MediaUnit.Video> v = l.video();
        List<MediaUnit.Audio> a = l.audio();
        assertThat(v).hasSize(60);
        assertThat(a).hasSize(95);
        assertThat(v.get(0).randomAccess()).isTrue();
        assertThat(v.get(0).nalUnits()).extracting(n -> n[0] & 0x1f).contains(7, 8, 5).doesNotContain(9);
        for (int i = 1; i < a.size(); i++) {
            assertThat(a.get(i).pts() - a.get(i - 1).pts()).as("audio step %d", i).isBetween(1023L, 1025L);
        }
        assertThat(a.get(0).clockRate()).isEqualTo(48_000);
        assertThat(a.get(0).channels()).isEqualTo(1);
        assertThat(a.get(0).audioSpecificConfig()).containsExactly(0x11, 0x88); // AAC-LC, 48 kHz, mono
        for (int i = 1; i < v.size(); i++) {
            assertThat(v.get(i).dts()).isGreaterThan(v.get(i - 1).dts());
        }
        // the audio clock keeps the PTS origin: 90 kHz video and 48 kHz audio start within 100 ms of each other
        double videoStart = v.get(0).pts() / 90_000.0;
        double audioStart = a.get(0).pts() / 48_000.0;
        assertThat(Math.abs(videoStart - audioStart)).isLessThan(0.1);
    }

    @Test
    void sameResultWhateverTheChunking() throws IOException {
        byte[] ts = resource("h264-aac-2s.ts");
        CollectingListener whole = demux(ts, ts.length);
        for (int chunk : new int[] {1, 7, 188, 189, 1000}) {
            CollectingListener l = demux(ts, chunk);
            assertThat(l.video()).hasSameSizeAs(whole.video());
            assertThat(l.audio()).hasSameSizeAs(whole.audio());
        }
    }

    @Test
    void hevcAndOpusFromFfmpeg() throws IOException {
        CollectingListener l = demux(resource("hevc-opus-1s.ts"), 1316);
        assertThat(l.programs.get(0).streams()).extracting(ElementaryStream::kind)
                .containsExactly(StreamKind.H265, StreamKind.OPUS);
        assertThat(l.video()).hasSize(25);
        assertThat(l.video().get(0).nalUnits()).extracting(n -> (n[0] & 0x7e) >> 1).contains(32, 33, 34)
                .doesNotContain(35);
        List<MediaUnit.Audio> a = l.audio();
        assertThat(a).hasSize(51);
        assertThat(a.get(0).clockRate()).isEqualTo(48_000);
        assertThat(a.get(0).channels()).isEqualTo(1);
        for (int i = 1; i < a.size(); i++) {
            assertThat(a.get(i).pts() - a.get(i - 1).pts()).isBetween(959L, 961L);
            assertThat(a.get(i).samples()).isEqualTo(960);
        }
    }

    @Test
    void bFramesKeepTheirDecodeOrderAndCompositionOffsets() throws IOException {
        List<MediaUnit.Video> v = demux(resource("h264-aac-2s.ts"), 1316).video(); // x264 veryfast: 3 B-frames
        assertThat(v).anyMatch(u -> u.pts() > u.dts());
        assertThat(v).allMatch(u -> u.pts() >= u.dts());
        for (int i = 1; i < v.size(); i++) {
            assertThat(v.get(i).dts()).isGreaterThan(v.get(i - 1).dts());
        }
    }

    @Test
    void ptsWrapInARealStreamStaysMonotonic() throws IOException {
        CollectingListener l = demux(resource("h264-aac-ptswrap-2s.ts"), 1316);
        List<MediaUnit.Video> v = l.video();
        List<MediaUnit.Audio> a = l.audio();
        assertThat(v).hasSize(60);
        assertThat(a).hasSize(88);
        for (int i = 1; i < v.size(); i++) {
            assertThat(v.get(i).dts() - v.get(i - 1).dts()).as("video dts step %d", i).isEqualTo(3000);
        }
        for (int i = 1; i < a.size(); i++) {
            assertThat(a.get(i).pts() - a.get(i - 1).pts()).as("audio step %d", i).isBetween(1023L, 1025L);
        }
        assertThat(a.get(0).clockRate()).isEqualTo(44_100);
        assertThat(a.get(0).channels()).isEqualTo(2);
        // the timeline crossed 2^33 ticks: raw 33-bit values would have jumped back by 26.5 hours
        assertThat(v.get(v.size() - 1).pts()).isGreaterThan(2 * TimestampUnwrapper.WRAP);
        assertThat(v.get(0).pts()).isLessThan(2 * TimestampUnwrapper.WRAP);
    }
}
