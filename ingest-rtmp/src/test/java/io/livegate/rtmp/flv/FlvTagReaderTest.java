package io.livegate.rtmp.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.rtmp.flv.FlvException.Reason;
import io.livegate.rtmp.flv.FlvPacket.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tags crafted from the FLV 10.1 annex E and the Enhanced RTMP v1/v2 (veovera) layouts. */
class FlvTagReaderTest {

    private final FlvTagReader reader = new FlvTagReader(8);

    /** Tag bytes builder. */
    static final class Tag {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Tag u8(int... v) {
            for (int b : v) {
                out.write(b);
            }
            return this;
        }

        Tag u24(int v) {
            return u8(v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF);
        }

        Tag fourCc(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Tag bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] get() {
            return out.toByteArray();
        }
    }

    static final byte[] P1 = {1, 2, 3, 4, 5};
    static final byte[] P2 = {9, 8, 7};

    private List<FlvPacket> video(byte[] b) {
        return reader.readVideo(b, 0, b.length);
    }

    private List<FlvPacket> audio(byte[] b) {
        return reader.readAudio(b, 0, b.length);
    }

    private static byte[] payload(FlvPacket p) {
        return Arrays.copyOfRange(p.data(), p.offset(), p.offset() + p.length());
    }

    private static void assertPacket(FlvPacket p, FlvCodec codec, int track, Kind kind, boolean key, int cts,
                                     byte[] data) {
        assertThat(p.codec()).isEqualTo(codec);
        assertThat(p.trackId()).isEqualTo(track);
        assertThat(p.kind()).isEqualTo(kind);
        assertThat(p.keyframe()).isEqualTo(key);
        assertThat(p.compositionTime()).isEqualTo(cts);
        assertThat(payload(p)).isEqualTo(data);
    }

    @Test
    void legacyAvc() {
        assertPacket(video(new Tag().u8(0x17, 0).u24(0).bytes(P1).get()).get(0), FlvCodec.AVC, 0,
                Kind.SEQUENCE_START, true, 0, P1);
        assertPacket(video(new Tag().u8(0x27, 1).u24(0xFFFFDF).bytes(P2).get()).get(0), FlvCodec.AVC, 0,
                Kind.CODED_FRAMES, false, -33, P2);
        assertPacket(video(new Tag().u8(0x17, 1).u24(66).bytes(P2).get()).get(0), FlvCodec.AVC, 0,
                Kind.CODED_FRAMES, true, 66, P2);
        assertThat(video(new Tag().u8(0x17, 2).u24(0).get()).get(0).kind()).isEqualTo(Kind.SEQUENCE_END);
    }

    @Test
    void legacyHevcCodecId12() {
        assertPacket(video(new Tag().u8(0x1C, 1).u24(40).bytes(P1).get()).get(0), FlvCodec.HEVC, 0,
                Kind.CODED_FRAMES, true, 40, P1);
    }

    @Test
    void legacyVideoInfoFrameIsIgnored() {
        assertThat(video(new Tag().u8(0x57, 0).get())).isEmpty();
    }

    @Test
    void legacyAac() {
        assertPacket(audio(new Tag().u8(0xAF, 0).bytes(P1).get()).get(0), FlvCodec.AAC, 0, Kind.SEQUENCE_START,
                true, 0, P1);
        assertPacket(audio(new Tag().u8(0xAF, 1).bytes(P2).get()).get(0), FlvCodec.AAC, 0, Kind.CODED_FRAMES, true,
                0, P2);
    }

    @Test
    void exVideoHevcSequenceStartCodedFramesAndCodedFramesX() {
        assertPacket(video(new Tag().u8(0x90).fourCc("hvc1").bytes(P1).get()).get(0), FlvCodec.HEVC, 0,
                Kind.SEQUENCE_START, true, 0, P1);
        assertPacket(video(new Tag().u8(0x91).fourCc("hvc1").u24(0xFFFFFE).bytes(P2).get()).get(0), FlvCodec.HEVC, 0,
                Kind.CODED_FRAMES, true, -2, P2);
        assertPacket(video(new Tag().u8(0xA3).fourCc("hvc1").bytes(P2).get()).get(0), FlvCodec.HEVC, 0,
                Kind.CODED_FRAMES, false, 0, P2);
        assertThat(video(new Tag().u8(0x92).fourCc("hvc1").get()).get(0).kind()).isEqualTo(Kind.SEQUENCE_END);
    }

    @Test
    void exVideoAv1Vp9AndAvcFourCcs() {
        // AV1 and VP9 CodedFrames carry no composition time.
        assertPacket(video(new Tag().u8(0x91).fourCc("av01").bytes(P1).get()).get(0), FlvCodec.AV1, 0,
                Kind.CODED_FRAMES, true, 0, P1);
        assertPacket(video(new Tag().u8(0xA1).fourCc("vp09").bytes(P2).get()).get(0), FlvCodec.VP9, 0,
                Kind.CODED_FRAMES, false, 0, P2);
        assertPacket(video(new Tag().u8(0x90).fourCc("vp09").bytes(P1).get()).get(0), FlvCodec.VP9, 0,
                Kind.SEQUENCE_START, true, 0, P1);
        assertPacket(video(new Tag().u8(0x91).fourCc("avc1").u24(10).bytes(P1).get()).get(0), FlvCodec.AVC, 0,
                Kind.CODED_FRAMES, true, 10, P1);
    }

    @Test
    void exVideoMetadataAndCommandFrame() {
        assertPacket(video(new Tag().u8(0x94).fourCc("av01").bytes(P1).get()).get(0), FlvCodec.AV1, 0,
                Kind.METADATA, true, 0, P1);
        // frame type 5 (command) with a non-metadata packet type: one command byte, no body
        assertThat(video(new Tag().u8(0xD1, 0).get())).isEmpty();
    }

    @Test
    void exVideoModExPrefixesAreSkipped() {
        // ModEx with a 3-byte TimestampOffsetNano, then CodedFrames
        byte[] tag = new Tag().u8(0x97, 2, 0x01, 0x02, 0x03, 0x01).fourCc("hvc1").u24(5).bytes(P1).get();
        assertPacket(video(tag).get(0), FlvCodec.HEVC, 0, Kind.CODED_FRAMES, true, 5, P1);
        // two-byte size form (size field 255 means a UI16 follows)
        Tag big = new Tag().u8(0x97, 255).u8(0x01, 0x2B); // 300 bytes of data
        big.bytes(new byte[300]).u8(0x03).fourCc("av01").bytes(P2);
        assertPacket(video(big.get()).get(0), FlvCodec.AV1, 0, Kind.CODED_FRAMES, true, 0, P2);
    }

    @Test
    void exVideoMultitrackOneTrack() {
        byte[] tag = new Tag().u8(0x96, 0x01).fourCc("av01").u8(3).bytes(P1).get();
        List<FlvPacket> ps = video(tag);
        assertThat(ps).hasSize(1);
        assertPacket(ps.get(0), FlvCodec.AV1, 3, Kind.CODED_FRAMES, true, 0, P1);
    }

    @Test
    void exVideoMultitrackManyTracks() {
        byte[] tag = new Tag().u8(0xA6, 0x11).fourCc("hvc1")
                .u8(0).u24(3 + P1.length).u24(4).bytes(P1)
                .u8(1).u24(3 + P2.length).u24(0).bytes(P2).get();
        List<FlvPacket> ps = video(tag);
        assertThat(ps).hasSize(2);
        assertPacket(ps.get(0), FlvCodec.HEVC, 0, Kind.CODED_FRAMES, false, 4, P1);
        assertPacket(ps.get(1), FlvCodec.HEVC, 1, Kind.CODED_FRAMES, false, 0, P2);
    }

    @Test
    void exVideoMultitrackManyTracksManyCodecs() {
        byte[] tag = new Tag().u8(0x96, 0x20)
                .fourCc("avc1").u8(0).u24(P1.length).bytes(P1)
                .fourCc("vp09").u8(2).u24(P2.length).bytes(P2).get();
        List<FlvPacket> ps = video(tag);
        assertThat(ps).hasSize(2);
        assertPacket(ps.get(0), FlvCodec.AVC, 0, Kind.SEQUENCE_START, true, 0, P1);
        assertPacket(ps.get(1), FlvCodec.VP9, 2, Kind.SEQUENCE_START, true, 0, P2);
    }

    @Test
    void exAudioOpusAndAac() {
        assertPacket(audio(new Tag().u8(0x90).fourCc("Opus").bytes(P1).get()).get(0), FlvCodec.OPUS, 0,
                Kind.SEQUENCE_START, true, 0, P1);
        assertPacket(audio(new Tag().u8(0x91).fourCc("Opus").bytes(P2).get()).get(0), FlvCodec.OPUS, 0,
                Kind.CODED_FRAMES, true, 0, P2);
        assertPacket(audio(new Tag().u8(0x91).fourCc("mp4a").bytes(P2).get()).get(0), FlvCodec.AAC, 0,
                Kind.CODED_FRAMES, true, 0, P2);
        // ModEx, then CodedFrames
        assertPacket(audio(new Tag().u8(0x97, 0, 0x55, 0x01).fourCc("Opus").bytes(P1).get()).get(0), FlvCodec.OPUS,
                0, Kind.CODED_FRAMES, true, 0, P1);
        // MultichannelConfig is read and ignored
        assertThat(audio(new Tag().u8(0x94).fourCc("Opus").u8(1, 2).get())).isEmpty();
    }

    @Test
    void exAudioMultitrack() {
        byte[] many = new Tag().u8(0x95, 0x11).fourCc("Opus")
                .u8(0).u24(P1.length).bytes(P1)
                .u8(1).u24(P2.length).bytes(P2).get();
        List<FlvPacket> ps = audio(many);
        assertThat(ps).hasSize(2);
        assertPacket(ps.get(0), FlvCodec.OPUS, 0, Kind.CODED_FRAMES, true, 0, P1);
        assertPacket(ps.get(1), FlvCodec.OPUS, 1, Kind.CODED_FRAMES, true, 0, P2);
        byte[] codecs = new Tag().u8(0x95, 0x20)
                .fourCc("mp4a").u8(0).u24(P1.length).bytes(P1)
                .fourCc("Opus").u8(5).u24(P2.length).bytes(P2).get();
        ps = audio(codecs);
        assertPacket(ps.get(0), FlvCodec.AAC, 0, Kind.SEQUENCE_START, true, 0, P1);
        assertPacket(ps.get(1), FlvCodec.OPUS, 5, Kind.SEQUENCE_START, true, 0, P2);
    }

    // ---- bad tags ----

    private static void assertReason(Runnable r, Reason reason) {
        assertThatThrownBy(r::run).isInstanceOf(FlvException.class)
                .satisfies(e -> assertThat(((FlvException) e).reason()).isEqualTo(reason));
    }

    @Test
    void badTags() {
        assertReason(() -> video(new byte[0]), Reason.TRUNCATED);
        assertReason(() -> video(new Tag().u8(0x17).get()), Reason.TRUNCATED);
        assertReason(() -> video(new Tag().u8(0x91).fourCc("hv").get()), Reason.TRUNCATED);
        assertReason(() -> video(new Tag().u8(0x91).fourCc("hvc1").u8(0).get()), Reason.TRUNCATED);
        assertReason(() -> video(new Tag().u8(0x12, 0).get()), Reason.UNSUPPORTED_CODEC); // Sorenson H.263
        assertReason(() -> video(new Tag().u8(0x91).fourCc("vvc1").get()), Reason.UNSUPPORTED_CODEC);
        assertReason(() -> video(new Tag().u8(0x98).fourCc("hvc1").get()), Reason.UNKNOWN_PACKET_TYPE);
        assertReason(() -> video(new Tag().u8(0x17, 7).u24(0).get()), Reason.UNKNOWN_PACKET_TYPE);
        assertReason(() -> video(new Tag().u8(0x96, 0x16).fourCc("hvc1").get()), Reason.UNKNOWN_PACKET_TYPE);
        assertReason(() -> video(new Tag().u8(0x96, 0x31).fourCc("hvc1").get()), Reason.UNKNOWN_PACKET_TYPE);
        assertReason(() -> video(new Tag().u8(0x96, 0x11).fourCc("av01").u8(0).u24(100).bytes(P1).get()),
                Reason.BAD_TRACK_SIZE);
        assertReason(() -> video(new Tag().u8(0x97, 10, 1).get()), Reason.TRUNCATED);
        assertReason(() -> audio(new Tag().u8(0x2F, 0).get()), Reason.UNSUPPORTED_CODEC); // MP3
        assertReason(() -> audio(new Tag().u8(0xAF, 5).get()), Reason.UNKNOWN_PACKET_TYPE);
        assertReason(() -> audio(new Tag().u8(0x93).fourCc("Opus").get()), Reason.UNKNOWN_PACKET_TYPE);
        assertReason(() -> audio(new Tag().u8(0x91).fourCc("fLaC").get()), Reason.UNSUPPORTED_CODEC);
    }

    @Test
    void tooManyTracksInOneTag() {
        Tag t = new Tag().u8(0x95, 0x11).fourCc("Opus");
        for (int i = 0; i < 9; i++) {
            t.u8(i).u24(1).u8(0xFC);
        }
        assertReason(() -> audio(t.get()), Reason.TOO_MANY_TRACKS);
    }

    @Test
    void modExLoopIsBounded() {
        Tag t = new Tag().u8(0x97);
        for (int i = 0; i < 20; i++) {
            t.u8(0, 0, 0x07);
        }
        assertReason(() -> video(t.get()), Reason.UNKNOWN_PACKET_TYPE);
    }

    /** Only {@link FlvException} may escape; packets stay inside the input. */
    @FuzzTest(maxDuration = "10s")
    void fuzzRead(byte[] data) {
        for (boolean isVideo : new boolean[] {true, false}) {
            try {
                List<FlvPacket> ps = isVideo ? reader.readVideo(data, 0, data.length)
                        : reader.readAudio(data, 0, data.length);
                for (FlvPacket p : ps) {
                    assertThat(p.offset()).isBetween(0, data.length);
                    assertThat(p.offset() + p.length()).isBetween(p.offset(), data.length);
                }
            } catch (FlvException expected) {
                // the only failure allowed
            }
        }
    }
}
