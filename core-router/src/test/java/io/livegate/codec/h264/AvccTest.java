package io.livegate.codec.h264;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import io.livegate.codec.CodecLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvccTest {

    @Test
    void splitsFourByteLengths() {
        byte[] au = bytes("00000002 0910 00000003 65aabb 00000000 00000001 06");
        List<byte[]> nalus = Avcc.split(au, 0, au.length, 4);
        assertThat(nalus).containsExactly(bytes("0910"), bytes("65aabb"), bytes("06"));
        assertThat(Avcc.join(nalus, 4)).isEqualTo(bytes("00000002 0910 00000003 65aabb 00000001 06"));
    }

    @Test
    void splitsOneAndTwoByteLengthsWithinARange() {
        byte[] buf = bytes("ff ff 02 0910 01 65 ff");
        assertThat(Avcc.split(buf, 2, 5, 1)).containsExactly(bytes("0910"), bytes("65"));
        byte[] two = bytes("0002 0910 0001 65");
        assertThat(Avcc.split(two, 0, two.length, 2)).containsExactly(bytes("0910"), bytes("65"));
        assertThat(Avcc.join(List.of(bytes("0910"), bytes("65")), 2)).isEqualTo(two);
    }

    @Test
    void truncatedLengthOrBody() {
        byte[] shortBody = bytes("00000005 6500");
        assertThatThrownBy(() -> Avcc.split(shortBody, 0, shortBody.length, 4)).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED)
                .hasMessageContaining("needs 5 more, 2 left");
        byte[] shortPrefix = bytes("00000001 65 0000");
        assertThatThrownBy(() -> Avcc.split(shortPrefix, 0, shortPrefix.length, 4))
                .isInstanceOf(CodecException.class).hasMessageContaining("NAL length field");
        assertThatThrownBy(() -> Avcc.split(new byte[1], 0, 1, 5)).isInstanceOf(CodecException.class);
    }

    @Test
    void limitsBoundCountAndSize() {
        CodecLimits limits = new CodecLimits(16, 2, 2);
        byte[] three = bytes("01 09 01 06 01 65");
        assertThatThrownBy(() -> Avcc.split(three, 0, three.length, 1, limits)).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TOO_LONG)
                .hasMessageContaining("NAL units per access unit 3 exceeds limit 2");
        byte[] big = new byte[17];
        assertThatThrownBy(() -> Avcc.split(big, 0, big.length, 4, limits)).isInstanceOf(CodecException.class)
                .hasMessageContaining("access unit size 17 exceeds limit 16");
        assertThatThrownBy(() -> Avcc.join(List.of(new byte[256]), 1)).isInstanceOf(CodecException.class);
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzSplitJoin(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int lengthSize = (data[0] & 3) + 1;
        try {
            List<byte[]> nalus = Avcc.split(data, 1, data.length - 1, lengthSize);
            byte[] joined = Avcc.join(nalus, lengthSize);
            assertThat(Avcc.split(joined, 0, joined.length, lengthSize)).containsExactlyElementsOf(nalus);
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }
}
