package io.livegate.srt.mpegts;

import static io.livegate.srt.mpegts.TsBuilder.Es;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TsDemuxerTest {

    private static final int VIDEO = 0x100;
    private static final int AUDIO = 0x101;

    private final CollectingListener listener = new CollectingListener();
    private final TsDemuxer demuxer = new TsDemuxer(TsLimits.DEFAULT, listener);

    private static TsBuilder program() {
        return new TsBuilder().pat().pmt(0, new Es(0x1B, VIDEO), new Es(0x0F, AUDIO));
    }

    private void feed(byte[] ts) {
        demuxer.feed(ts, 0, ts.length);
    }

    @Test
    void readsPatPmtAndAVideoAccessUnitSpanningPackets() {
        byte[] au = TsBuilder.h264KeyframeAu(1000);
        TsBuilder b = program().pes(VIDEO, TsBuilder.pes(0xE0, 900_000, 897_000, au, false), true);
        feed(b.bytes());
        assertThat(listener.programs).hasSize(1);
        ProgramMap pmt = listener.programs.get(0);
        assertThat(pmt.pcrPid()).isEqualTo(VIDEO);
        assertThat(pmt.streams()).extracting(ElementaryStream::pid).containsExactly(VIDEO, AUDIO);
        assertThat(listener.units).isEmpty(); // unbounded PES: complete only at the next unit start
        demuxer.flush();
        MediaUnit.Video v = listener.video().get(0);
        assertThat(v.nalUnits()).extracting(n -> n[0] & 0x1f).containsExactly(7, 8, 5); // AUD dropped
        assertThat(v.nalUnits().get(2)).hasSize(1001);
        assertThat(v.pts() - v.dts()).isEqualTo(3000);
        assertThat(v.pts() % TimestampUnwrapper.WRAP).isEqualTo(900_000);
        assertThat(v.randomAccess()).isTrue();
        assertThat(v.damaged()).isFalse();
    }

    @Test
    void nextUnitStartCompletesThePreviousPes() {
        TsBuilder b = program()
                .pes(VIDEO, TsBuilder.pes(0xE0, 3000, -1, TsBuilder.h264KeyframeAu(300), false), true)
                .pes(VIDEO, TsBuilder.pes(0xE0, 6000, -1, TsBuilder.h264DeltaAu(300), false), false);
        feed(b.bytes());
        assertThat(listener.video()).hasSize(1);
        demuxer.flush();
        assertThat(listener.video()).hasSize(2);
        assertThat(listener.video().get(1).pts() - listener.video().get(0).pts()).isEqualTo(3000);
        assertThat(listener.video().get(1).dts()).isEqualTo(listener.video().get(1).pts());
    }

    @Test
    void boundedPesIsDeliveredWithoutWaitingAndSplitsAdtsFramesWithOwnTimestamps() {
        ByteArrayOutputStream es = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            es.writeBytes(TsBuilder.adts(200 + i, i));
        }
        feed(program().pes(AUDIO, TsBuilder.pes(0xC0, 90_000, -1, es.toByteArray(), true), false).bytes());
        List<MediaUnit.Audio> a = listener.audio();
        assertThat(a).hasSize(3);
        assertThat(a).extracting(x -> x.data().length).containsExactly(200, 201, 202);
        long first = a.get(0).pts();
        assertThat(first % (TimestampUnwrapper.WRAP * 48_000 / 90_000)).isEqualTo(48_000); // 1 s in 48 kHz ticks
        assertThat(a).extracting(x -> x.pts() - first).containsExactly(0L, 1024L, 2048L);
        assertThat(a.get(0).channels()).isEqualTo(2);
        assertThat(a.get(0).clockRate()).isEqualTo(48_000);
        assertThat(a.get(0).audioSpecificConfig()).containsExactly(0x11, 0x90); // LC, 48 kHz, stereo
    }

    @Test
    void adtsFrameCutBetweenPesPacketsKeepsItsTimeline() {
        byte[] f1 = TsBuilder.adts(100, 1);
        byte[] f2 = TsBuilder.adts(100, 2);
        byte[] f3 = TsBuilder.adts(100, 3);
        byte[] pes1 = new byte[f1.length + 50];
        System.arraycopy(f1, 0, pes1, 0, f1.length);
        System.arraycopy(f2, 0, pes1, f1.length, 50);
        byte[] pes2 = new byte[f2.length - 50 + f3.length];
        System.arraycopy(f2, 50, pes2, 0, f2.length - 50);
        System.arraycopy(f3, 0, pes2, f2.length - 50, f3.length);
        feed(program().pes(AUDIO, TsBuilder.pes(0xC0, 90_000, -1, pes1, true), false)
                .pes(AUDIO, TsBuilder.pes(0xC0, 90_000 + 1920 * 2, -1, pes2, true), false).bytes());
        List<MediaUnit.Audio> a = listener.audio();
        assertThat(a).hasSize(3);
        assertThat(a).extracting(x -> x.data()[0]).containsExactly((byte) 1, (byte) 2, (byte) 3);
        long first = a.get(0).pts();
        assertThat(a).extracting(x -> x.pts() - first).containsExactly(0L, 1024L, 2048L);
    }

    @Test
    void accessUnitSplitOverBoundedPesPacketsIsJoined() {
        byte[] au = TsBuilder.h264KeyframeAu(3000);
        int cut = 1500; // inside the IDR slice
        byte[] first = TsBuilder.pes(0xE0, 3000, -1, Arrays.copyOfRange(au, 0, cut), true);
        byte[] rest = TsBuilder.pes(0xE0, -1, -1, Arrays.copyOfRange(au, cut, au.length), true);
        TsBuilder b = program().pes(VIDEO, first, true).pes(VIDEO, rest, false)
                .pes(VIDEO, TsBuilder.pes(0xE0, 6000, -1, TsBuilder.h264DeltaAu(100), true), false);
        feed(b.bytes());
        assertThat(listener.video()).hasSize(1); // the second unit waits: it may continue too
        demuxer.flush();
        List<MediaUnit.Video> v = listener.video();
        assertThat(v).hasSize(2);
        assertThat(v.get(0).nalUnits()).extracting(n -> n.length).containsExactly(7, 4, 3001);
        assertThat(v.get(1).pts() - v.get(0).pts()).isEqualTo(3000);
    }

    @Test
    void continuityGapMarksTheUnitDamaged() {
        TsBuilder b = program();
        List<byte[]> packets = b.pesPackets(VIDEO, TsBuilder.pes(0xE0, 3000, -1, TsBuilder.h264KeyframeAu(800),
                false), true);
        for (int i = 0; i < packets.size(); i++) {
            if (i != 2) {
                b.raw(packets.get(i)); // packet 2 lost
            }
        }
        b.pes(VIDEO, TsBuilder.pes(0xE0, 6000, -1, TsBuilder.h264DeltaAu(100), false), false);
        feed(b.bytes());
        demuxer.flush();
        assertThat(demuxer.counters().continuityErrors()).isEqualTo(1);
        assertThat(listener.video()).extracting(MediaUnit::damaged).containsExactly(true, false);
        assertThat(demuxer.counters().damagedUnits()).isEqualTo(1);
    }

    @Test
    void duplicatePacketIsIgnored() {
        TsBuilder b = program();
        List<byte[]> packets = b.pesPackets(VIDEO, TsBuilder.pes(0xE0, 3000, -1, TsBuilder.h264KeyframeAu(400),
                false), true);
        b.raw(packets.get(0)).raw(packets.get(1)).raw(packets.get(1));
        for (int i = 2; i < packets.size(); i++) {
            b.raw(packets.get(i));
        }
        feed(b.bytes());
        demuxer.flush();
        assertThat(demuxer.counters().continuityErrors()).isZero();
        MediaUnit.Video v = listener.video().get(0);
        assertThat(v.damaged()).isFalse();
        assertThat(v.nalUnits().get(2)).hasSize(401);
    }

    @Test
    void discontinuityIndicatorAllowsACounterJump() {
        TsBuilder b = program();
        List<byte[]> packets = b.pesPackets(VIDEO, TsBuilder.pes(0xE0, 3000, -1, TsBuilder.h264KeyframeAu(400),
                false), true);
        packets.get(0)[3] = (byte) (packets.get(0)[3] & 0xF0 | 9); // jump, but with discontinuity_indicator
        packets.get(0)[5] |= (byte) 0x80;
        for (int i = 1; i < packets.size(); i++) {
            packets.get(i)[3] = (byte) (packets.get(i)[3] & 0xF0 | (9 + i) & 0xF);
        }
        packets.forEach(b::raw);
        feed(b.bytes());
        demuxer.flush();
        assertThat(demuxer.counters().continuityErrors()).isZero();
        assertThat(listener.video()).hasSize(1);
    }

    @Test
    void resyncsAfterGarbageAndCountsSkippedBytes() {
        byte[] garbage = new byte[1000];
        new Random(1).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == 0x47) {
                garbage[i] = 0x46;
            }
        }
        TsBuilder b = new TsBuilder().raw(garbage).pat().pmt(0, new Es(0x1B, VIDEO))
                .raw(Arrays.copyOf(garbage, 77))
                .pes(VIDEO, TsBuilder.pes(0xE0, 3000, -1, TsBuilder.h264KeyframeAu(400), false), true);
        byte[] ts = b.bytes();
        for (int off = 0; off < ts.length; off += 100) {
            demuxer.feed(ts, off, Math.min(100, ts.length - off));
        }
        demuxer.flush();
        assertThat(demuxer.counters().skippedBytes()).isEqualTo(1077);
        assertThat(demuxer.counters().syncLosses()).isEqualTo(1);
        assertThat(listener.programs).hasSize(1);
        assertThat(listener.video()).hasSize(1);
    }

    @Test
    void aStrayMidPacketSyncByteDoesNotFakeSync() {
        byte[] junk = new byte[300];
        junk[10] = 0x47; // a lone 0x47 with no second one 188 bytes later
        TsBuilder b = new TsBuilder().raw(junk).pat().pmt(0, new Es(0x1B, VIDEO));
        feed(b.bytes());
        assertThat(listener.programs).hasSize(1);
        assertThat(demuxer.counters().skippedBytes()).isEqualTo(300);
    }

    @Test
    void nonTsInputIsRejected() {
        byte[] text = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(4000).getBytes();
        assertThatThrownBy(() -> feed(text)).isInstanceOf(TsException.class)
                .satisfies(e -> assertThat(((TsException) e).reason()).isEqualTo(TsException.Reason.NO_SYNC))
                .hasMessageContaining("limit " + TsLimits.DEFAULT_MAX_UNSYNCED_BYTES);
    }

    @Test
    void truncatedInputDeliversWhatIsCompleteAndNothingElse() {
        byte[] ts = program().pes(VIDEO, TsBuilder.pes(0xE0, 3000, -1, TsBuilder.h264KeyframeAu(100), false), true)
                .pes(VIDEO, TsBuilder.pes(0xE0, 6000, -1, TsBuilder.h264DeltaAu(2000), false), false).bytes();
        for (int cut = 0; cut < ts.length; cut += 37) {
            CollectingListener l = new CollectingListener();
            TsDemuxer d = new TsDemuxer(TsLimits.DEFAULT, l);
            d.feed(ts, 0, cut);
            d.flush();
            assertThat(l.video().size()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void pesLargerThanTheLimitFailsTheSession() {
        TsLimits small = new TsLimits(4096, TsLimits.DEFAULT_MAX_UNSYNCED_BYTES, 16, 64, 256);
        TsDemuxer d = new TsDemuxer(small, listener);
        byte[] ts = program().pes(VIDEO, TsBuilder.pes(0xE0, 3000, -1, TsBuilder.h264KeyframeAu(5000), false), true)
                .bytes();
        assertThatThrownBy(() -> d.feed(ts, 0, ts.length)).isInstanceOf(TsException.class)
                .hasMessageContaining("limit 4096")
                .satisfies(e -> assertThat(((TsException) e).reason()).isEqualTo(TsException.Reason.PES_TOO_LARGE));
    }

    @Test
    void bytesPastPesPacketLengthAreStuffingAndALyingLengthCostsOnlyItsOwnFrame() {
        byte[] padded = TsBuilder.pes(0xC0, 90_000, -1, TsBuilder.adts(100, 1), true);
        byte[] withStuffing = Arrays.copyOf(padded, padded.length + 20);
        Arrays.fill(withStuffing, padded.length, withStuffing.length, (byte) 0xFF); // 0xFF in the payload
        byte[] lying = TsBuilder.pes(0xC0, 90_000 + 1920, -1, TsBuilder.adts(400, 2), true);
        lying[4] = 0;
        lying[5] = 100; // says 100 bytes, carries 416: the frame is cut
        byte[] good = TsBuilder.pes(0xC0, 90_000 + 3840, -1, TsBuilder.adts(200, 3), true);
        feed(program().pes(AUDIO, withStuffing, false).pes(AUDIO, lying, false).pes(AUDIO, good, false).bytes());
        demuxer.flush();
        assertThat(listener.audio()).extracting(x -> x.data().length).containsExactly(100, 200);
        assertThat(listener.audio()).extracting(MediaUnit::damaged).containsExactly(false, false);
    }

    @Test
    void pmtWithOverlongDescriptorLoopIsRejected() {
        byte[] body = {(byte) 0xE1, 0x00, (byte) 0xF0, 0x00, 0x1B, (byte) 0xE1, 0x00, (byte) 0xF0, 0x40};
        byte[] section = TsBuilder.section(2, 1, 0, body); // ES_info_length 64 with nothing after it
        TsBuilder b = new TsBuilder().pat().psi(TsBuilder.PMT_PID, section);
        assertThatThrownBy(() -> feed(b.bytes())).isInstanceOf(TsException.class)
                .hasMessageContaining("ES_info_length 64");
    }

    @Test
    void sectionWithBadCrcIsSkippedAndCounted() {
        byte[] pat = TsBuilder.patSection(TsBuilder.PMT_PID);
        pat[pat.length - 1] ^= 1;
        TsBuilder b = new TsBuilder().psi(0, pat).pmt(0, new Es(0x1B, VIDEO));
        feed(b.bytes());
        assertThat(listener.programs).isEmpty();
        assertThat(demuxer.counters().crcErrors()).isEqualTo(1);
        int mark = b.bytes().length;
        b.pat().pmt(0, new Es(0x1B, VIDEO));
        feed(Arrays.copyOfRange(b.bytes(), mark, b.bytes().length));
        assertThat(listener.programs).hasSize(1);
    }

    @Test
    void mpegAudioIsReportedUnsupportedAndSkipped() {
        TsBuilder b = new TsBuilder().pat().pmt(0, new Es(0x1B, VIDEO), new Es(0x03, AUDIO))
                .pes(AUDIO, TsBuilder.pes(0xC0, 3000, -1, new byte[] {(byte) 0xFF, (byte) 0xFB, 0x50, 0}, true), false);
        feed(b.bytes());
        assertThat(listener.unsupported).extracting(ElementaryStream::kind).containsExactly(StreamKind.MPEG_AUDIO);
        assertThat(listener.units).isEmpty();
    }

    @Test
    void programChangeIsReportedOnceAndUnchangedVersionBumpIsNot() {
        feed(new TsBuilder().pat().pmt(0, new Es(0x1B, VIDEO)).bytes());
        feed(new TsBuilder().pat().pmt(0, new Es(0x1B, VIDEO)).bytes()); // same version: repeat
        TsBuilder b = new TsBuilder();
        b.pat().pmt(1, new Es(0x1B, VIDEO));
        b.pmt(2, new Es(0x1B, VIDEO), new Es(0x0F, AUDIO));
        feed(b.bytes());
        assertThat(listener.programs).hasSize(2);
        assertThat(listener.programs.get(1).streams()).hasSize(2);
    }

    @Test
    void tooManyStreamsFailTheSession() {
        Es[] streams = new Es[TsLimits.DEFAULT_MAX_ELEMENTARY_STREAMS + 1];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = new Es(0x0F, 0x200 + i);
        }
        byte[] ts = new TsBuilder().pat().pmt(0, streams).bytes();
        assertThatThrownBy(() -> feed(ts)).isInstanceOf(TsException.class)
                .satisfies(e -> assertThat(((TsException) e).reason())
                        .isEqualTo(TsException.Reason.TOO_MANY_STREAMS));
    }

    @Test
    void ptsWrapAt33BitsStaysMonotonic() {
        long nearWrap = TimestampUnwrapper.WRAP - 3000;
        TsBuilder b = new TsBuilder().pat().pmt(0, new Es(0x1B, VIDEO));
        long[] pts = {nearWrap, nearWrap + 3000, 3000 - 0, 6000};
        for (int i = 0; i < pts.length; i++) {
            byte[] au = i == 0 ? TsBuilder.h264KeyframeAu(50) : TsBuilder.h264DeltaAu(50);
            b.pes(VIDEO, TsBuilder.pes(0xE0, pts[i] & (TimestampUnwrapper.WRAP - 1), -1, au, false), i == 0);
        }
        feed(b.bytes());
        demuxer.flush();
        List<MediaUnit.Video> v = listener.video();
        assertThat(v).hasSize(4);
        for (int i = 1; i < v.size(); i++) {
            assertThat(v.get(i).pts() - v.get(i - 1).pts()).isEqualTo(3000);
        }
    }

    @Test
    void opusPacketsAreTakenOutOfTheirControlHeaders() {
        byte[] reg = {0x05, 0x04, 'O', 'p', 'u', 's', 0x7f, 0x02, (byte) 0x80, 0x02};
        byte[] p1 = new byte[300];
        p1[0] = (byte) 0xFC; // CELT 20 ms, code 0
        byte[] p2 = new byte[10];
        p2[0] = (byte) 0xFC;
        ByteArrayOutputStream es = new ByteArrayOutputStream();
        es.writeBytes(new byte[] {0x7F, (byte) 0xE0, (byte) 0xFF, 300 - 255}); // au_size 255 + 45
        es.writeBytes(p1);
        es.writeBytes(new byte[] {0x7F, (byte) 0xF0, 10, 0, 0}); // start_trim flag with 2 trim bytes
        es.writeBytes(p2);
        feed(new TsBuilder().pat().pmt(0, new Es(0x06, AUDIO, reg))
                .pes(AUDIO, TsBuilder.pes(0xBD, 90_000, -1, es.toByteArray(), true), false).bytes());
        assertThat(listener.programs.get(0).streams().get(0).kind()).isEqualTo(StreamKind.OPUS);
        List<MediaUnit.Audio> a = listener.audio();
        assertThat(a).extracting(x -> x.data().length).containsExactly(300, 10);
        assertThat(a).extracting(MediaUnit.Audio::samples).containsExactly(960, 960);
        assertThat(a.get(1).pts() - a.get(0).pts()).isEqualTo(960);
        assertThat(a.get(0).channels()).isEqualTo(2);
        assertThat(a.get(0).clockRate()).isEqualTo(48_000);
    }

    @Test
    void transportErrorPacketsAreDroppedAndCounted() {
        TsBuilder b = program();
        List<byte[]> packets = b.pesPackets(VIDEO, TsBuilder.pes(0xE0, 3000, -1, TsBuilder.h264KeyframeAu(400),
                false), true);
        packets.get(1)[1] |= (byte) 0x80;
        packets.forEach(b::raw);
        feed(b.bytes());
        demuxer.flush();
        assertThat(demuxer.counters().transportErrors()).isEqualTo(1);
        assertThat(listener.video()).allMatch(MediaUnit::damaged);
    }

    /** Any bytes in any chunking: only {@link TsException} may escape, and units are well formed. */
    @FuzzTest(maxDuration = "10s")
    void fuzzDemuxer(byte[] data) {
        TsLimits small = new TsLimits(64 * 1024, 4096, 4, 8, 32);
        CollectingListener l = new CollectingListener();
        TsDemuxer d = new TsDemuxer(small, l);
        int chunk = data.length == 0 ? 1 : 1 + (data[0] & 0xff) * 7;
        try {
            for (int off = 0; off < data.length; off += chunk) {
                d.feed(data, off, Math.min(chunk, data.length - off));
            }
            d.flush();
        } catch (TsException expected) {
            // the only failure allowed
        }
        for (MediaUnit u : l.units) {
            switch (u) {
                case MediaUnit.Video v -> assertThat(v.nalUnits()).isNotEmpty().allMatch(n -> n.length > 0);
                case MediaUnit.Audio a -> assertThat(a.data()).isNotEmpty();
            }
        }
    }
}
