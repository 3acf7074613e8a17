package io.livegate.codec.aac;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdtsHeaderTest {

    /** First header of {@code ffmpeg -f lavfi -i sine=sample_rate=44100 -ac 2 -c:a aac -f adts}. */
    private static final byte[] FFMPEG_FIRST = bytes("fff150802b3ffc");

    @Test
    void parsesFfmpegHeader() {
        AdtsHeader h = AdtsHeader.parse(FFMPEG_FIRST, 0, FFMPEG_FIRST.length);
        assertThat(h.mpeg2()).isFalse();
        assertThat(h.protectionAbsent()).isTrue();
        assertThat(h.objectType()).isEqualTo(2);
        assertThat(h.sampleRate()).isEqualTo(44100);
        assertThat(h.channelConfiguration()).isEqualTo(2);
        assertThat(h.frameLength()).isEqualTo(345);
        assertThat(h.payloadLength()).isEqualTo(338);
        assertThat(h.bufferFullness()).isEqualTo(0x7ff);
        assertThat(h.rawDataBlocks()).isEqualTo(1);
        assertThat(h.toBytes()).isEqualTo(FFMPEG_FIRST);
        assertThat(AdtsHeader.parse(FFMPEG_FIRST)).isEqualTo(h);
        assertThat(h.toAudioSpecificConfig().toBytes()).isEqualTo(bytes("1210"));
    }

    @Test
    void splitsTheWholeFfmpegFile() throws IOException {
        byte[] file;
        try (InputStream in = getClass().getResourceAsStream("ffmpeg-sine-44100-stereo.adts")) {
            file = in.readAllBytes();
        }
        List<byte[]> frames = AdtsHeader.splitPayloads(file, 0, file.length, 100);
        assertThat(frames).hasSize(23);
        assertThat(frames.get(0)).hasSize(338);
        assertThat(frames.stream().mapToInt(f -> f.length + 7).sum()).isEqualTo(file.length);
        assertThatThrownBy(() -> AdtsHeader.splitPayloads(file, 0, file.length, 22)).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TOO_LONG);
        assertThatThrownBy(() -> AdtsHeader.splitPayloads(file, 0, file.length - 1, 100))
                .isInstanceOf(CodecException.class).hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
    }

    @Test
    void crcHeaderIsNineBytes() {
        AdtsHeader h = new AdtsHeader(true, false, 2, 3, 1, 100, 0x123, 1, 0xbeef);
        byte[] b = h.toBytes();
        assertThat(b).hasSize(9);
        AdtsHeader back = AdtsHeader.parse(b, 0, b.length);
        assertThat(back).isEqualTo(h);
        assertThat(back.payloadLength()).isEqualTo(91);
        assertThatThrownBy(() -> AdtsHeader.parse(b, 0, 8)).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
    }

    @Test
    void forPayloadBuildsAMuxerHeader() {
        AdtsHeader h = AdtsHeader.forPayload(AudioSpecificConfig.parse(bytes("1190")), 300);
        assertThat(h.frameLength()).isEqualTo(307);
        assertThat(h.samplingFrequencyIndex()).isEqualTo(3);
        assertThat(AdtsHeader.parse(h.toBytes(), 0, 7)).isEqualTo(h);
        assertThatThrownBy(() -> AdtsHeader.forPayload(AudioSpecificConfig.parse(bytes("17802af810")), 10))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void rejectsBadSyncLayerAndLength() {
        assertThatThrownBy(() -> AdtsHeader.parse(bytes("ffe150802b3ffc"), 0, 7)).isInstanceOf(CodecException.class)
                .hasMessageContaining("sync word");
        assertThatThrownBy(() -> AdtsHeader.parse(bytes("fff350802b3ffc"), 0, 7)).isInstanceOf(CodecException.class)
                .hasMessageContaining("layer");
        // frame_length 3
        assertThatThrownBy(() -> AdtsHeader.parse(bytes("fff15080007ffc"), 0, 7)).isInstanceOf(CodecException.class)
                .hasMessageContaining("frame_length");
        assertThatThrownBy(() -> AdtsHeader.parse(FFMPEG_FIRST, 0, 6)).isInstanceOf(CodecException.class);
        // channel configuration 0: no AudioSpecificConfig without the PCE
        AdtsHeader pce = AdtsHeader.parse(bytes("fff150002b3ffc"), 0, 7);
        assertThatThrownBy(pce::toAudioSpecificConfig).isInstanceOf(CodecException.class);
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzRoundTrip(byte[] data) {
        try {
            AdtsHeader h = AdtsHeader.parse(data, 0, data.length);
            byte[] out = h.toBytes();
            assertThat(AdtsHeader.parse(out, 0, out.length)).isEqualTo(h);
            AdtsHeader.splitPayloads(data, 0, data.length, 16);
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }
}
