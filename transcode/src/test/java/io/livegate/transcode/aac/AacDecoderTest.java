package io.livegate.transcode.aac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.aac.AudioSpecificConfig;
import io.livegate.transcode.TestAudio;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AacDecoderTest {

    @TempDir
    Path dir;

    /** AAC-LC 44.1 kHz stereo as in the core-router fixture's header (0x12 0x10). */
    static final byte[] LC_44100_STEREO = {0x12, 0x10};

    @Test
    @Tag("e2e")
    void decodesFfmpegAacLcToTheSine() throws Exception {
        TestAudio.Aac aac = TestAudio.sine(dir, 44_100, 2, 1.0);
        AacDecoder d = new AacDecoder(aac.asc(), 8191);
        float[] left = new float[aac.frames().size() * 1024];
        int pos = 0;
        for (byte[] f : aac.frames()) {
            PcmBlock b = d.decode(f);
            assertThat(b.sampleRate()).isEqualTo(44_100);
            assertThat(b.channelCount()).isEqualTo(2);
            assertThat(b.samples()).isEqualTo(1024);
            System.arraycopy(b.channel(0), 0, left, pos, 1024);
            pos += 1024;
        }
        double[] fit = TestAudio.fitSine(left, 4410, pos - 4410, 1000, 44_100);
        // ffmpeg's sine source is 1/8 of full scale, and its mono-to-stereo upmix takes 3 dB off each side.
        double expected = 32768 / 8.0 * Math.sqrt(0.5);
        assertThat(fit[0]).isBetween(expected * 0.95, expected * 1.05);
        assertThat(fit[2]).isGreaterThan(30);
    }

    @Test
    @Tag("e2e")
    void heAacSignallingTakesTheSbrPath() throws Exception {
        // No HE-AAC encoder here (ffmpeg lacks libfdk_aac): an LC core at 22.05 kHz under an explicit
        // hierarchical SBR config makes JAAD run its SBR decoder (no SBR data: the band above 11 kHz stays empty).
        TestAudio.Aac aac = TestAudio.sine(dir, 22_050, 1, 1.0);
        byte[] heAsc = heAacConfig(22_050, 44_100, 1);
        assertThat(AudioSpecificConfig.parse(heAsc).outputSampleRate()).isEqualTo(44_100);
        AacDecoder d = new AacDecoder(heAsc, 8191);
        float[] out = new float[aac.frames().size() * 2048];
        int pos = 0;
        for (byte[] f : aac.frames()) {
            PcmBlock b = d.decode(f);
            assertThat(b.sampleRate()).isEqualTo(44_100);
            System.arraycopy(b.channel(0), 0, out, pos, b.samples());
            pos += b.samples();
        }
        assertThat(pos).isEqualTo(aac.frames().size() * 2048);
        double at1k = TestAudio.goertzel(out, 8820, pos - 8820, 1000, 44_100);
        assertThat(at1k).isGreaterThan(20 * TestAudio.goertzel(out, 8820, pos - 8820, 1300, 44_100));
    }

    /** Explicit hierarchical signalling: AOT 5, core rate, channels, extension rate, AOT 2, GASpecificConfig. */
    static byte[] heAacConfig(int coreRate, int sbrRate, int channels) {
        int core = index(coreRate);
        int ext = index(sbrRate);
        long bits = 5;                           // 5 bits AOT SBR
        bits = bits << 4 | core;                 // samplingFrequencyIndex
        bits = bits << 4 | channels;             // channelConfiguration
        bits = bits << 4 | ext;                  // extensionSamplingFrequencyIndex
        bits = bits << 5 | 2;                    // core AOT LC
        bits = bits << 3;                        // frameLengthFlag, dependsOnCoreCoder, extensionFlag
        int n = 5 + 4 + 4 + 4 + 5 + 3;           // 25 bits
        int bytes = (n + 7) / 8;
        bits <<= bytes * 8 - n;
        byte[] out = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--) {
            out[i] = (byte) bits;
            bits >>= 8;
        }
        return out;
    }

    private static int index(int rate) {
        int[] rates = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};
        for (int i = 0; i < rates.length; i++) {
            if (rates[i] == rate) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }

    @Test
    void badFramesThrowNamedExceptionsAndTheDecoderGoesOn() throws Exception {
        AacDecoder d = new AacDecoder(LC_44100_STEREO, 8191);
        assertThatThrownBy(() -> d.decode(new byte[0])).isInstanceOf(AacDecodeException.class)
                .extracting(e -> ((AacDecodeException) e).reason()).isEqualTo(AacDecodeException.Reason.MALFORMED);
        assertThatThrownBy(() -> d.decode(new byte[8192])).isInstanceOf(AacDecodeException.class)
                .extracting(e -> ((AacDecodeException) e).reason()).isEqualTo(AacDecodeException.Reason.TOO_LONG);
        assertThatThrownBy(() -> d.decode(new byte[] {0x21, 0x10, 0x05})).isInstanceOf(AacDecodeException.class);
        // A silent CPE frame still decodes afterwards... (ID_CPE with nothing is invalid; use an END element only)
        d.reset();
    }

    @Test
    void refusesConfigsItDoesNotDecode() {
        assertThat(AacDecoder.supports(LC_44100_STEREO)).isTrue();
        assertThat(AacDecoder.supports(new byte[] {(byte) 0xB9, (byte) 0x90, 0x00})).as("AAC-LD").isFalse();
        assertThat(AacDecoder.supports(new byte[] {0x12, 0x00})).as("PCE layout").isFalse();
        assertThat(AacDecoder.supports(new byte[] {0x12})).as("truncated").isFalse();
        assertThat(AacDecoder.supports(new byte[0])).isFalse();
        assertThatThrownBy(() -> new AacDecoder(new byte[] {(byte) 0xB9, (byte) 0x90, 0x00}, 8191))
                .isInstanceOf(AacDecodeException.class)
                .extracting(e -> ((AacDecodeException) e).reason()).isEqualTo(AacDecodeException.Reason.UNSUPPORTED);
    }

    /** Untrusted frames: only AacDecodeException may escape, and the decoder keeps working. */
    @FuzzTest(maxDuration = "10s")
    void fuzzFrames(byte[] data) throws Exception {
        AacDecoder d = new AacDecoder(LC_44100_STEREO, 8191);
        try {
            PcmBlock b = d.decode(data);
            assertThat(b.samples()).isPositive();
        } catch (AacDecodeException expected) {
            // counted and skipped by the transcoder
        }
        try {
            d.decode(Arrays.copyOf(data, Math.min(data.length, 16)));
        } catch (AacDecodeException expected) {
            // still only the named exception
        }
    }
}
