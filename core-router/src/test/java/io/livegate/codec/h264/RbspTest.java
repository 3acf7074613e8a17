package io.livegate.codec.h264;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

class RbspTest {

    @Test
    void removesEmulationPreventionBytes() {
        assertThat(Rbsp.unescape(bytes("00000301 000003"))).isEqualTo(bytes("000001 0000"));
        assertThat(Rbsp.unescape(bytes("0000030000 03 03"))).isEqualTo(bytes("00000000 03"));
        assertThat(Rbsp.unescape(bytes("ff00000300ff"), 1, 4)).isEqualTo(bytes("000000"));
        assertThat(Rbsp.unescape(bytes("6764"))).isEqualTo(bytes("6764"));
    }

    @Test
    void insertsEmulationPreventionBytes() {
        assertThat(Rbsp.escape(bytes("00000000"))).isEqualTo(bytes("0000030000"));
        assertThat(Rbsp.escape(bytes("000001 000002 000003 000004"))).isEqualTo(bytes("00000301 00000302 00000303 000004"));
        assertThat(Rbsp.escape(Rbsp.unescape(H264Vectors.HIGH_720P30_SPS))).isEqualTo(H264Vectors.HIGH_720P30_SPS);
    }

    /** escape never produces a start code prefix and unescape inverts it. */
    @FuzzTest(maxDuration = "10s")
    void fuzzEscapeRoundTrip(byte[] data) {
        byte[] escaped = Rbsp.escape(data);
        for (int i = 0; i + 2 < escaped.length; i++) {
            assertThat(escaped[i] == 0 && escaped[i + 1] == 0 && (escaped[i + 2] & 0xff) <= 2).isFalse();
        }
        assertThat(Rbsp.unescape(escaped)).isEqualTo(data);
    }
}
