package io.livegate.codec.opus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpusTocTest {

    /** RFC 6716 Table 2: config ranges, mode and frame sizes (ms), here in 48 kHz samples. */
    @ParameterizedTest
    @CsvSource({
        "0, SILK, 480", "1, SILK, 960", "2, SILK, 1920", "3, SILK, 2880", // NB 10/20/40/60 ms
        "4, SILK, 480", "7, SILK, 2880", "8, SILK, 480", "11, SILK, 2880", // MB, WB
        "12, Hybrid, 480", "13, Hybrid, 960", "14, Hybrid, 480", "15, Hybrid, 960", // SWB, FB 10/20 ms
        "16, CELT, 120", "17, CELT, 240", "18, CELT, 480", "19, CELT, 960", // NB 2.5/5/10/20 ms
        "28, CELT, 120", "31, CELT, 960" // FB
    })
    void table2(int config, String mode, int samples) {
        int toc = config << 3;
        assertThat(OpusToc.config(toc)).isEqualTo(config);
        assertThat(OpusToc.mode(toc)).isEqualTo(mode);
        assertThat(OpusToc.frameSamples(toc)).isEqualTo(samples);
        assertThat(OpusToc.frameDurationSamples(new byte[] {(byte) toc})).isEqualTo(samples);
    }

    @Test
    void frameCountCodes() {
        // 3.2.2: code 1, two equal frames; 3.2.3: code 2, two frames with a length byte
        assertThat(OpusToc.frameDurationSamples(new byte[] {(byte) (31 << 3 | 1), 1, 2})).isEqualTo(1920);
        assertThat(OpusToc.frameDurationSamples(new byte[] {(byte) (1 << 3 | 2), 1, 9, 9})).isEqualTo(1920);
        assertThat(OpusToc.stereo((31 << 3) | 4)).isTrue();
        assertThat(OpusToc.stereo(31 << 3)).isFalse();
    }

    @Test
    void code3FrameCountByte() {
        // 3.2.5 Figure 6: CBR code 3 with M frames; count byte is v|p|M(6 bits)
        assertThat(OpusToc.frameDurationSamples(new byte[] {(byte) (19 << 3 | 3), 3})).isEqualTo(3 * 960);
        assertThat(OpusToc.frameDurationSamples(new byte[] {(byte) (19 << 3 | 3), (byte) 0xc6})).isEqualTo(6 * 960);
        // 48 frames of 2.5 ms is the 120 ms maximum
        assertThat(OpusToc.frameDurationSamples(new byte[] {(byte) (16 << 3 | 3), 48})).isEqualTo(5760);
        assertThatThrownBy(() -> OpusToc.frameDurationSamples(new byte[] {(byte) (19 << 3 | 3), 7}))
                .isInstanceOf(CodecException.class).hasMessageContaining("6720 samples exceeds 5760");
        assertThatThrownBy(() -> OpusToc.frameDurationSamples(new byte[] {(byte) (19 << 3 | 3), 0}))
                .isInstanceOf(CodecException.class).hasMessageContaining("0 frames");
        assertThatThrownBy(() -> OpusToc.frameDurationSamples(new byte[] {(byte) (19 << 3 | 3)}))
                .isInstanceOf(CodecException.class).hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
        assertThatThrownBy(() -> OpusToc.frameDurationSamples(new byte[0])).isInstanceOf(CodecException.class);
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzDuration(byte[] packet) {
        try {
            assertThat(OpusToc.frameDurationSamples(packet)).isBetween(120, OpusToc.MAX_PACKET_SAMPLES);
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }
}
