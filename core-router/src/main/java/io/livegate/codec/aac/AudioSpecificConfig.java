package io.livegate.codec.aac;

import io.livegate.codec.BitReader;
import io.livegate.codec.CodecException;

/**
 * MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1) for AAC: the FLV AAC sequence header, the MP4 esds
 * DecoderSpecificInfo and the RTP {@code config=} parameter.
 *
 * <p>Read: the audio object type (with the escape 31 for types above 30), the sampling frequency (index or
 * explicit 24-bit value), the channel configuration (or the channel count of a program_config_element when it is
 * 0), the GASpecificConfig frame length flag, and SBR/PS signalled either explicitly hierarchical (object type 5
 * or 29 first) or backward compatible (sync extension 0x2b7 / 0x548 after the core config). Object types other
 * than the general-audio ones are read up to the channel configuration only.
 *
 * @param objectType           the core audio object type (2 for AAC-LC, also under HE-AAC)
 * @param sampleRate           the core sampling frequency in Hz
 * @param channels             the core channel count (from the channel configuration or the PCE)
 * @param frameLength          samples per frame at {@code sampleRate}: 1024 or 960 (512 or 480 for AAC-LD)
 * @param channelConfiguration the channelConfiguration field (0 when a PCE describes the channels)
 * @param extension            SBR / PS signalling, or null
 */
public record AudioSpecificConfig(int objectType, int sampleRate, int channels, int frameLength,
                                  int channelConfiguration, Extension extension) {

    public static final int AOT_AAC_MAIN = 1;
    public static final int AOT_AAC_LC = 2;
    public static final int AOT_SBR = 5;
    public static final int AOT_ER_AAC_LD = 23;
    public static final int AOT_PS = 29;

    /** Table 1.18: sampling frequencies for samplingFrequencyIndex 0..12. */
    static final int[] SAMPLE_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000,
        11025, 8000, 7350};

    /** Channels for channelConfiguration 0..15 (0: PCE; -1: reserved). */
    private static final int[] CHANNELS = {0, 1, 2, 3, 4, 5, 6, 8, -1, -1, -1, 7, 8, 24, 8, -1};

    /**
     * Spectral band replication (and parametric stereo) signalling.
     *
     * @param objectType   5 (SBR) or 29 (SBR + PS)
     * @param sampleRate   the output sampling frequency after SBR
     * @param hierarchical true when signalled explicitly hierarchical (5/29 as the first object type), false when
     *                     signalled backward compatibly after the core config
     */
    public record Extension(int objectType, int sampleRate, boolean hierarchical) {
        public Extension {
            if (objectType != AOT_SBR && objectType != AOT_PS) {
                throw new IllegalArgumentException("extension object type must be 5 or 29, was " + objectType);
            }
        }
    }

    /** A plain config (no SBR) with frame length 1024, as an encoder or the FLV/RTP ingest builds it. */
    public static AudioSpecificConfig of(int objectType, int sampleRate, int channels) {
        return new AudioSpecificConfig(objectType, sampleRate, channels, 1024, channelConfigurationFor(channels), null);
    }

    private static int channelConfigurationFor(int channels) {
        return switch (channels) {
            case 1, 2, 3, 4, 5, 6 -> channels;
            case 7 -> 11;
            case 8 -> 7;
            default -> throw CodecException.unsupported("no channelConfiguration for " + channels + " channels");
        };
    }

    /** The sampling frequency decoders output: the SBR rate when SBR is signalled, else the core rate. */
    public int outputSampleRate() {
        return extension != null ? extension.sampleRate : sampleRate;
    }

    /** Channels decoders output: parametric stereo turns a mono core into stereo. */
    public int outputChannels() {
        return extension != null && extension.objectType == AOT_PS && channels == 1 ? 2 : channels;
    }

    /** The object type RFC 6381 names ({@code mp4a.40.N}): 5/29 when signalled hierarchically, else the core's. */
    public int signalledObjectType() {
        return extension != null && extension.hierarchical ? extension.objectType : objectType;
    }

    public static AudioSpecificConfig parse(byte[] asc) {
        BitReader r = new BitReader(asc);
        int aot = readObjectType(r);
        int rate = readSampleRate(r);
        int channelConfig = r.readBits(4);
        int extRate = 0;
        int extType = 0;
        boolean hierarchical = false;
        if (aot == AOT_SBR || aot == AOT_PS) {
            extType = aot;
            hierarchical = true;
            extRate = readSampleRate(r);
            aot = readObjectType(r);
            if (aot == 22) {
                r.skip(4); // extensionChannelConfiguration
            }
        }
        int channels = channelsOf(channelConfig);
        int frameLength = 1024;
        if (isGeneralAudio(aot)) {
            boolean shortFrame = r.readFlag();
            frameLength = aot == AOT_ER_AAC_LD ? (shortFrame ? 480 : 512) : (shortFrame ? 960 : 1024);
            if (r.readFlag()) { // dependsOnCoreCoder
                r.skip(14); // coreCoderDelay
            }
            boolean extensionFlag = r.readFlag();
            if (channelConfig == 0) {
                channels = readProgramConfigChannels(r);
            }
            if (aot == 6 || aot == 20) {
                r.skip(3); // layerNr
            }
            if (extensionFlag) {
                if (aot == 22) {
                    r.skip(16); // numOfSubFrame, layer_length
                }
                if (aot == 17 || aot == 19 || aot == 20 || aot == 23) {
                    r.skip(3); // the three resilience flags
                }
                r.skip(1); // extensionFlag3
            }
            if (!hierarchical && r.bitsLeft() >= 16 && r.readBits(11) == 0x2b7) {
                int ext = readObjectType(r);
                if (ext == AOT_SBR && r.readFlag()) {
                    extType = AOT_SBR;
                    extRate = readSampleRate(r);
                    if (r.bitsLeft() >= 12 && r.readBits(11) == 0x548 && r.readFlag()) {
                        extType = AOT_PS;
                    }
                }
            }
        } else if (channelConfig == 0) {
            throw CodecException.unsupported("channelConfiguration 0 for audio object type " + aot);
        }
        Extension extension = extType != 0 ? new Extension(extType, extRate, hierarchical) : null;
        return new AudioSpecificConfig(aot, rate, channels, frameLength, channelConfig, extension);
    }

    static boolean isGeneralAudio(int aot) {
        return switch (aot) {
            case 1, 2, 3, 4, 6, 7, 17, 19, 20, 21, 22, 23 -> true;
            default -> false;
        };
    }

    private static int readObjectType(BitReader r) {
        int aot = r.readBits(5);
        return aot == 31 ? 32 + r.readBits(6) : aot;
    }

    private static int readSampleRate(BitReader r) {
        int index = r.readBits(4);
        if (index == 15) {
            int rate = r.readBits(24);
            if (rate == 0) {
                throw CodecException.malformed("explicit samplingFrequency 0");
            }
            return rate;
        }
        if (index >= SAMPLE_RATES.length) {
            throw CodecException.malformed("samplingFrequencyIndex " + index + " is reserved");
        }
        return SAMPLE_RATES[index];
    }

    static int channelsOf(int channelConfiguration) {
        int c = CHANNELS[channelConfiguration];
        if (c < 0) {
            throw CodecException.unsupported("channelConfiguration " + channelConfiguration + " is reserved");
        }
        return c;
    }

    /** program_config_element (1.6.2.1 Table 4.2): counts the channels it declares. */
    private static int readProgramConfigChannels(BitReader r) {
        r.skip(4 + 2 + 4); // element_instance_tag, object_type, sampling_frequency_index
        int front = r.readBits(4);
        int side = r.readBits(4);
        int back = r.readBits(4);
        int lfe = r.readBits(2);
        int assoc = r.readBits(3);
        int cc = r.readBits(4);
        if (r.readFlag()) {
            r.skip(4); // mono_mixdown_element_number
        }
        if (r.readFlag()) {
            r.skip(4); // stereo_mixdown_element_number
        }
        if (r.readFlag()) {
            r.skip(3); // matrix_mixdown_idx, pseudo_surround_enable
        }
        int channels = 0;
        for (int i = 0; i < front + side + back; i++) {
            channels += r.readFlag() ? 2 : 1; // is_cpe
            r.skip(4);
        }
        channels += lfe;
        r.skip(4L * lfe + 4L * assoc + 5L * cc);
        r.byteAlign();
        int comment = r.readBits(8);
        r.skip(8L * comment);
        if (channels == 0) {
            throw CodecException.malformed("program_config_element declares no channels");
        }
        return channels;
    }

    /**
     * Writes the config in its shortest form: sampling index when the rate is in the table, the SBR/PS signalling
     * as it was read. A PCE (channelConfiguration 0) cannot be written.
     *
     * @throws CodecException UNSUPPORTED for channelConfiguration 0 or object types above 95
     */
    public byte[] toBytes() {
        if (channelConfiguration == 0) {
            throw CodecException.unsupported("writing a program_config_element is not supported");
        }
        BitWriter w = new BitWriter();
        if (extension != null && extension.hierarchical) {
            writeObjectType(w, extension.objectType);
            writeSampleRate(w, sampleRate);
            w.write(channelConfiguration, 4);
            writeSampleRate(w, extension.sampleRate);
            writeObjectType(w, objectType);
            if (objectType == 22) {
                w.write(channelConfiguration, 4);
            }
        } else {
            writeObjectType(w, objectType);
            writeSampleRate(w, sampleRate);
            w.write(channelConfiguration, 4);
        }
        if (isGeneralAudio(objectType)) {
            boolean shortFrame = frameLength == 960 || frameLength == 480;
            w.write(shortFrame ? 1 : 0, 1);
            w.write(0, 1); // dependsOnCoreCoder
            w.write(0, 1); // extensionFlag
            if (objectType == 6 || objectType == 20) {
                w.write(0, 3);
            }
            if (extension != null && !extension.hierarchical) {
                w.write(0x2b7, 11);
                writeObjectType(w, AOT_SBR);
                w.write(1, 1);
                writeSampleRate(w, extension.sampleRate);
                if (extension.objectType == AOT_PS) {
                    w.write(0x548, 11);
                    w.write(1, 1);
                }
            }
        }
        return w.toBytes();
    }

    private static void writeObjectType(BitWriter w, int aot) {
        if (aot < 31) {
            w.write(aot, 5);
        } else if (aot < 32 + 64) {
            w.write(31, 5);
            w.write(aot - 32, 6);
        } else {
            throw CodecException.unsupported("audio object type " + aot + " cannot be written");
        }
    }

    private static void writeSampleRate(BitWriter w, int rate) {
        for (int i = 0; i < SAMPLE_RATES.length; i++) {
            if (SAMPLE_RATES[i] == rate) {
                w.write(i, 4);
                return;
            }
        }
        w.write(15, 4);
        w.write(rate, 24);
    }

    /** The samplingFrequencyIndex for a rate, or -1 when the rate has none (ADTS needs one). */
    public static int sampleRateIndex(int rate) {
        for (int i = 0; i < SAMPLE_RATES.length; i++) {
            if (SAMPLE_RATES[i] == rate) {
                return i;
            }
        }
        return -1;
    }

    /** Minimal MSB-first bit writer for the config. */
    private static final class BitWriter {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(8);
        private int cur;
        private int n;

        void write(int value, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                cur = (cur << 1) | ((value >>> i) & 1);
                if (++n == 8) {
                    out.write(cur);
                    cur = 0;
                    n = 0;
                }
            }
        }

        byte[] toBytes() {
            if (n > 0) {
                out.write(cur << (8 - n));
                cur = 0;
                n = 0;
            }
            return out.toByteArray();
        }
    }
}
