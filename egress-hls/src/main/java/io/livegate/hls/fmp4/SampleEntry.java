package io.livegate.hls.fmp4;

/**
 * The {@code stsd} entry of a track: which codec, and its configuration record as the codec's binding defines
 * it. Configuration bytes are the record's payload only (without the box header).
 */
public sealed interface SampleEntry {

    /** Visual sample entries ({@code avc1}, {@code hvc1}, {@code av01}, {@code vp09}). */
    sealed interface Visual extends SampleEntry {
        int width();

        int height();
    }

    /** Audio sample entries ({@code mp4a}, {@code Opus}). */
    sealed interface Audio extends SampleEntry {
        int channels();

        int sampleRate();
    }

    /** H.264: {@code avcC} holds an AVCDecoderConfigurationRecord. */
    record Avc(int width, int height, byte[] avcC) implements Visual {
    }

    /** H.265: {@code hvcC} holds an HEVCDecoderConfigurationRecord; {@code hvc1} means parameter sets are there. */
    record Hevc(int width, int height, byte[] hvcC) implements Visual {
    }

    /** AV1: {@code av1C} holds the AV1CodecConfigurationRecord (with the sequence header OBU). */
    record Av1(int width, int height, byte[] av1C) implements Visual {
    }

    /** VP9: {@code vpcC} (a full box, version 1) holds the VPCodecConfigurationRecord payload. */
    record Vp9(int width, int height, byte[] vpcC) implements Visual {
    }

    /** AAC: the AudioSpecificConfig goes into the esds DecoderSpecificInfo. */
    record Mp4a(int channels, int sampleRate, byte[] audioSpecificConfig) implements Audio {
    }

    /** Opus: the dOps fields (sample rate in the entry is always 48000). */
    record Opus(int channels, int preSkip, int inputSampleRate) implements Audio {
        @Override
        public int sampleRate() {
            return 48_000;
        }
    }
}
