package io.livegate.codec.aac;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import io.livegate.codec.aac.AudioSpecificConfig.Extension;
import org.junit.jupiter.api.Test;

class AudioSpecificConfigTest {

    @Test
    void aacLc44100Stereo() {
        AudioSpecificConfig c = AudioSpecificConfig.parse(bytes("1210"));
        assertThat(c).isEqualTo(new AudioSpecificConfig(2, 44100, 2, 1024, 2, null));
        assertThat(c.toBytes()).isEqualTo(bytes("1210"));
        assertThat(AudioSpecificConfig.of(2, 44100, 2)).isEqualTo(c);
    }

    @Test
    void aacLc48000StereoAndMono() {
        AudioSpecificConfig stereo = AudioSpecificConfig.parse(bytes("1190"));
        assertThat(stereo.sampleRate()).isEqualTo(48000);
        assertThat(stereo.channels()).isEqualTo(2);
        assertThat(stereo.toBytes()).isEqualTo(bytes("1190"));
        AudioSpecificConfig mono = AudioSpecificConfig.parse(bytes("1188"));
        assertThat(mono.objectType()).isEqualTo(2);
        assertThat(mono.sampleRate()).isEqualTo(48000);
        assertThat(mono.channels()).isEqualTo(1);
        assertThat(mono.frameLength()).isEqualTo(1024);
        assertThat(mono.toBytes()).isEqualTo(bytes("1188"));
    }

    @Test
    void ffmpegEncoderConfigWithEmptySyncExtension() {
        // ffmpeg's aac encoder writes 0x2b7, AOT 5, sbrPresentFlag 0 after the LC config (esds of an ffmpeg mp4)
        AudioSpecificConfig c = AudioSpecificConfig.parse(bytes("119056e500"));
        assertThat(c).isEqualTo(AudioSpecificConfig.of(2, 48000, 2));
        assertThat(c.extension()).isNull();
    }

    @Test
    void heAacExplicitHierarchical() {
        AudioSpecificConfig c = AudioSpecificConfig.parse(bytes("2b118800"));
        assertThat(c.objectType()).isEqualTo(2);
        assertThat(c.sampleRate()).isEqualTo(24000);
        assertThat(c.channels()).isEqualTo(2);
        assertThat(c.extension()).isEqualTo(new Extension(5, 48000, true));
        assertThat(c.outputSampleRate()).isEqualTo(48000);
        assertThat(c.signalledObjectType()).isEqualTo(5);
        assertThat(c.toBytes()).isEqualTo(bytes("2b118800"));
    }

    @Test
    void heAacV2ExplicitHierarchicalMonoCoreIsStereoOut() {
        AudioSpecificConfig c = AudioSpecificConfig.parse(bytes("eb098800"));
        assertThat(c.objectType()).isEqualTo(2);
        assertThat(c.channels()).isEqualTo(1);
        assertThat(c.outputChannels()).isEqualTo(2);
        assertThat(c.signalledObjectType()).isEqualTo(29);
        assertThat(c.toBytes()).isEqualTo(bytes("eb098800"));
    }

    @Test
    void backwardCompatibleSbrAndPs() {
        AudioSpecificConfig sbr = AudioSpecificConfig.parse(bytes("131056e598"));
        assertThat(sbr.extension()).isEqualTo(new Extension(5, 48000, false));
        assertThat(sbr.signalledObjectType()).isEqualTo(2);
        assertThat(sbr.toBytes()).isEqualTo(bytes("131056e598"));
        AudioSpecificConfig ps = AudioSpecificConfig.parse(bytes("130856e59d4880"));
        assertThat(ps.extension()).isEqualTo(new Extension(29, 48000, false));
        assertThat(ps.outputChannels()).isEqualTo(2);
        assertThat(ps.toBytes()).isEqualTo(bytes("130856e59d4880"));
    }

    @Test
    void escapeObjectTypeAndExplicitFrequency() {
        AudioSpecificConfig esc = AudioSpecificConfig.parse(bytes("f84640"));
        assertThat(esc.objectType()).isEqualTo(34);
        assertThat(esc.sampleRate()).isEqualTo(48000);
        assertThat(esc.toBytes()).isEqualTo(bytes("f84640"));
        AudioSpecificConfig explicit = AudioSpecificConfig.parse(bytes("17802af810"));
        assertThat(explicit.sampleRate()).isEqualTo(22000);
        assertThat(explicit.toBytes()).isEqualTo(bytes("17802af810"));
    }

    @Test
    void frameLength960() {
        // AAC-LC 48 kHz stereo with frameLengthFlag set
        AudioSpecificConfig c = AudioSpecificConfig.parse(bytes("1194"));
        assertThat(c.frameLength()).isEqualTo(960);
        assertThat(c.toBytes()).isEqualTo(bytes("1194"));
    }

    @Test
    void programConfigElementCountsChannels() {
        // channelConfiguration 0; PCE: one front CPE, one back SCE, one LFE
        AudioSpecificConfig c = AudioSpecificConfig.parse(bytes("118004c40500201000"));
        assertThat(c.channelConfiguration()).isZero();
        assertThat(c.channels()).isEqualTo(4);
        assertThatThrownBy(c::toBytes).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.UNSUPPORTED);
    }

    @Test
    void rejectsReservedAndTruncated() {
        assertThatThrownBy(() -> AudioSpecificConfig.parse(bytes("16"))).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
        // sampling index 13
        assertThatThrownBy(() -> AudioSpecificConfig.parse(bytes("1690"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("samplingFrequencyIndex 13");
        // channelConfiguration 8 is reserved
        assertThatThrownBy(() -> AudioSpecificConfig.parse(bytes("11c0"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("channelConfiguration 8");
        // channelConfiguration 15 (found by fuzzing: once indexed past the channel table)
        assertThatThrownBy(() -> AudioSpecificConfig.parse(bytes("13ff"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("channelConfiguration 15");
        assertThatThrownBy(() -> AudioSpecificConfig.parse(new byte[0])).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> AudioSpecificConfig.of(2, 48000, 9)).isInstanceOf(CodecException.class);
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzRoundTrip(byte[] data) {
        AudioSpecificConfig c;
        try {
            c = AudioSpecificConfig.parse(data);
        } catch (CodecException expected) {
            return;
        }
        assertThat(c.sampleRate()).isPositive();
        if (c.channelConfiguration() != 0) {
            assertThat(AudioSpecificConfig.parse(c.toBytes())).isEqualTo(c);
        }
    }
}
