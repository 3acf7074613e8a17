package io.livegate.codec.opus;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import io.livegate.media.CodecParameters.OpusParameters;
import org.junit.jupiter.api.Test;

class OpusHeadTest {

    /** The OpusHead packet of {@code ffmpeg -c:a libopus -f ogg} (stereo, 48 kHz input, pre-skip 312). */
    private static final byte[] FFMPEG_OPUS_HEAD = bytes("4f707573486561640102380180bb0000000000");
    /** The dOps box body ffmpeg's mp4 muxer wrote for the same stream. */
    private static final byte[] FFMPEG_DOPS = bytes("000201380000bb80000000");

    @Test
    void parsesFfmpegOpusHeadAndDops() {
        OpusHead h = OpusHead.parse(FFMPEG_OPUS_HEAD);
        assertThat(h.channels()).isEqualTo(2);
        assertThat(h.preSkip()).isEqualTo(312);
        assertThat(h.inputSampleRate()).isEqualTo(48000);
        assertThat(h.outputGain()).isZero();
        assertThat(h.mappingFamily()).isZero();
        assertThat(h.streamCount()).isEqualTo(1);
        assertThat(h.coupledCount()).isEqualTo(1);
        assertThat(OpusHead.parseDops(FFMPEG_DOPS)).isEqualTo(h);
        assertThat(h.toBytes()).isEqualTo(FFMPEG_OPUS_HEAD);
        assertThat(h.toDops()).isEqualTo(FFMPEG_DOPS);
        assertThat(h.toParameters()).isEqualTo(new OpusParameters(2, 312, 48000));
        assertThat(OpusHead.of(new OpusParameters(2, 312, 48000))).isEqualTo(h);
    }

    @Test
    void surroundFamilyOneWithMappingTable() {
        // 5.1: 4 streams, 2 coupled, Vorbis order mapping 0 4 1 2 3 5; gain -256 (-1 dB)
        OpusHead h = new OpusHead(6, 312, 44100, -256, 1, 4, 2, new byte[] {0, 4, 1, 2, 3, 5});
        OpusHead back = OpusHead.parse(h.toBytes());
        assertThat(back).isEqualTo(h);
        assertThat(back.outputGain()).isEqualTo(-256);
        assertThat(OpusHead.parseDops(h.toDops())).isEqualTo(h);
        assertThat(h.toDops()).startsWith(bytes("0006 0138 0000ac44 ff00 01 04 02 000401020305"));
    }

    @Test
    void rejectsBadHeaders() {
        assertThatThrownBy(() -> OpusHead.parse(bytes("4f707573486561640102"))).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
        byte[] magic = FFMPEG_OPUS_HEAD.clone();
        magic[0] = 'o';
        assertThatThrownBy(() -> OpusHead.parse(magic)).isInstanceOf(CodecException.class).hasMessageContaining("magic");
        byte[] v2 = FFMPEG_OPUS_HEAD.clone();
        v2[8] = 0x10;
        assertThatThrownBy(() -> OpusHead.parse(v2)).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.UNSUPPORTED);
        byte[] zero = FFMPEG_OPUS_HEAD.clone();
        zero[9] = 0;
        assertThatThrownBy(() -> OpusHead.parse(zero)).isInstanceOf(CodecException.class);
        byte[] threeFamily0 = FFMPEG_DOPS.clone();
        threeFamily0[1] = 3;
        assertThatThrownBy(() -> OpusHead.parseDops(threeFamily0)).isInstanceOf(CodecException.class)
                .hasMessageContaining("family 0 channel count 3");
        // family 1 with a mapping entry beyond streams + coupled
        assertThatThrownBy(() -> OpusHead.parseDops(bytes("000201380000bb800000 01 01 01 0002")))
                .isInstanceOf(CodecException.class).hasMessageContaining("mapping entry 2");
        assertThatThrownBy(() -> OpusHead.parseDops(bytes("000201380000bb800000 01 01 01 00")))
                .isInstanceOf(CodecException.class).hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
        byte[] dopsV1 = FFMPEG_DOPS.clone();
        dopsV1[0] = 1;
        assertThatThrownBy(() -> OpusHead.parseDops(dopsV1)).isInstanceOf(CodecException.class);
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzRoundTrip(byte[] data) {
        try {
            OpusHead h = OpusHead.parse(data);
            assertThat(OpusHead.parse(h.toBytes())).isEqualTo(h);
            assertThat(OpusHead.parseDops(h.toDops())).isEqualTo(h);
        } catch (CodecException expected) {
            // the only failure allowed
        }
        try {
            OpusHead d = OpusHead.parseDops(data);
            assertThat(OpusHead.parseDops(d.toDops())).isEqualTo(d);
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }
}
