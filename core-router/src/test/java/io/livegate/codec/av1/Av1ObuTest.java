package io.livegate.codec.av1;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import io.livegate.codec.CodecLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class Av1ObuTest {

    /** The sequence header OBU libaom (via ffmpeg, 640x360, -cpu-used 8) wrote in its first temporal unit. */
    static final byte[] LIBAOM_SEQUENCE_HEADER = bytes("0a0b0000000cc4ff6736be4010");

    /** The third temporal unit of that stream: a temporal delimiter and a frame header showing an existing frame. */
    static final byte[] LIBAOM_SHOW_EXISTING_TU = bytes("12001a01a8");

    static byte[] keyframeTemporalUnit() throws IOException {
        try (InputStream in = Av1ObuTest.class.getResourceAsStream("libaom-640x360-keyframe.obu")) {
            return in.readAllBytes();
        }
    }

    @Test
    void splitsLibaomKeyframeTemporalUnit() throws IOException {
        byte[] tu = keyframeTemporalUnit();
        List<byte[]> obus = Av1Obu.split(tu, 0, tu.length);
        assertThat(obus).extracting(Av1Obu::type)
                .containsExactly(Av1Obu.OBU_TEMPORAL_DELIMITER, Av1Obu.OBU_SEQUENCE_HEADER, Av1Obu.OBU_FRAME);
        assertThat(obus.get(1)).isEqualTo(LIBAOM_SEQUENCE_HEADER);
        assertThat(Av1Obu.join(obus)).isEqualTo(tu);
        List<byte[]> canonical = Av1Obu.dropTemporalDelimiters(obus);
        assertThat(canonical).extracting(Av1Obu::type).containsExactly(Av1Obu.OBU_SEQUENCE_HEADER, Av1Obu.OBU_FRAME);
        assertThat(Av1Obu.isKeyframe(canonical)).isTrue();
        assertThat(Av1Obu.sequenceHeader(canonical)).isEqualTo(LIBAOM_SEQUENCE_HEADER);
        assertThat(Av1Obu.sequenceHeader(canonical.subList(1, 2))).isNull();
        Av1Obu.Header h = Av1Obu.parseHeader(obus.get(2), 0, obus.get(2).length);
        assertThat(h.payloadLength()).isEqualTo(6606); // leb128 ce 33
        assertThat(h.headerLength()).isEqualTo(3);
    }

    @Test
    void showExistingFrameIsNotAKeyframe() {
        List<byte[]> obus = Av1Obu.split(LIBAOM_SHOW_EXISTING_TU, 0, LIBAOM_SHOW_EXISTING_TU.length);
        assertThat(obus).extracting(Av1Obu::type).containsExactly(Av1Obu.OBU_TEMPORAL_DELIMITER,
                Av1Obu.OBU_FRAME_HEADER);
        assertThat(Av1Obu.isKeyframe(obus)).isFalse();
        assertThat(Av1Obu.payload(obus.get(1))).isEqualTo(bytes("a8"));
    }

    @Test
    void lastObuWithoutSizeFieldGetsOne() {
        // temporal delimiter with size, then a padding OBU (type 15) with extension and no size field
        byte[] tu = bytes("1200 7c20 aabbcc");
        List<byte[]> obus = Av1Obu.split(tu, 0, tu.length);
        assertThat(obus.get(1)).isEqualTo(bytes("7e20 03 aabbcc"));
        Av1Obu.Header h = Av1Obu.parseHeader(obus.get(1), 0, obus.get(1).length);
        assertThat(h.type()).isEqualTo(Av1Obu.OBU_PADDING);
        assertThat(h.hasExtension()).isTrue();
        assertThat(h.temporalId()).isEqualTo(1);
        assertThat(h.spatialId()).isZero();
    }

    @Test
    void leb128() {
        assertThat(Av1Obu.leb128(0)).isEqualTo(bytes("00"));
        assertThat(Av1Obu.leb128(127)).isEqualTo(bytes("7f"));
        assertThat(Av1Obu.leb128(128)).isEqualTo(bytes("8001"));
        assertThat(Av1Obu.leb128(6606)).isEqualTo(bytes("ce33"));
        assertThat(Av1Obu.leb128(0xffffffffL)).isEqualTo(bytes("ffffffff0f"));
        // a non-minimal encoding of 1 is still valid
        assertThat(Av1Obu.parseHeader(bytes("12 8180808000 ff"), 0, 7).payloadLength()).isEqualTo(1);
    }

    @Test
    void rejectsBadObus() {
        assertThatThrownBy(() -> Av1Obu.split(bytes("92 00"), 0, 2)).isInstanceOf(CodecException.class)
                .hasMessageContaining("forbidden bit");
        assertThatThrownBy(() -> Av1Obu.split(bytes("12 05 00"), 0, 3)).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
        assertThatThrownBy(() -> Av1Obu.split(bytes("12 808080808080808001"), 0, 10)).isInstanceOf(CodecException.class)
                .hasMessageContaining("leb128");
        assertThatThrownBy(() -> Av1Obu.split(bytes("12 8080808010"), 0, 6)).isInstanceOf(CodecException.class)
                .hasMessageContaining("exceeds 2^32-1");
        assertThatThrownBy(() -> Av1Obu.split(bytes("1200 1200 1200"), 0, 6, new CodecLimits(100, 10, 2)))
                .isInstanceOf(CodecException.class).hasMessageContaining("OBUs per temporal unit 3 exceeds limit 2");
        assertThatThrownBy(() -> Av1Obu.split(bytes("1200 1200 1200"), 0, 6, new CodecLimits(5, 10, 10)))
                .isInstanceOf(CodecException.class).hasMessageContaining("temporal unit size 6");
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzSplitJoin(byte[] data) {
        try {
            List<byte[]> obus = Av1Obu.split(data, 0, data.length);
            byte[] joined = Av1Obu.join(obus);
            List<byte[]> again = Av1Obu.split(joined, 0, joined.length);
            assertThat(again).hasSameSizeAs(obus);
            for (int i = 0; i < obus.size(); i++) {
                assertThat(again.get(i)).isEqualTo(obus.get(i));
            }
            Av1Obu.isKeyframe(obus);
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }
}
