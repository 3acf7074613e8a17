package io.livegate.codec.av1;

import io.livegate.codec.CodecException;
import io.livegate.media.CodecParameters.Av1Parameters;
import java.util.Arrays;
import java.util.Objects;

/**
 * AV1CodecConfigurationRecord (AV1 Codec ISO Media File Format Binding 2.3.3): the body of an {@code av1C} box and
 * of an Enhanced-RTMP AV1 sequence start.
 *
 * @param seqProfile                       seq_profile
 * @param seqLevelIdx0                     seq_level_idx[0]
 * @param seqTier0                         seq_tier[0]
 * @param highBitdepth                     high_bitdepth
 * @param twelveBit                        twelve_bit
 * @param monochrome                       mono_chrome
 * @param chromaSubsamplingX               subsampling_x
 * @param chromaSubsamplingY               subsampling_y
 * @param chromaSamplePosition             chroma_sample_position
 * @param initialPresentationDelayMinusOne 0..15, or -1 when absent
 * @param configObus                       zero or more OBUs (the sequence header, maybe metadata), with size fields
 */
public record Av1CodecConfig(int seqProfile, int seqLevelIdx0, int seqTier0, boolean highBitdepth, boolean twelveBit,
                             boolean monochrome, int chromaSubsamplingX, int chromaSubsamplingY,
                             int chromaSamplePosition, int initialPresentationDelayMinusOne, byte[] configObus) {

    public Av1CodecConfig {
        CodecException.checkRange("seq_profile", seqProfile, 0, 7);
        CodecException.checkRange("seq_level_idx_0", seqLevelIdx0, 0, 31);
        CodecException.checkRange("seq_tier_0", seqTier0, 0, 1);
        CodecException.checkRange("chroma_subsampling_x", chromaSubsamplingX, 0, 1);
        CodecException.checkRange("chroma_subsampling_y", chromaSubsamplingY, 0, 1);
        CodecException.checkRange("chroma_sample_position", chromaSamplePosition, 0, 3);
        CodecException.checkRange("initial_presentation_delay_minus_one", initialPresentationDelayMinusOne, -1, 15);
        configObus = configObus.clone();
    }

    public static Av1CodecConfig parse(byte[] b) {
        if (b.length < 4) {
            throw CodecException.truncated("av1C", 4, b.length);
        }
        int b0 = b[0] & 0xff;
        if ((b0 & 0x80) == 0) {
            throw CodecException.malformed("av1C marker bit is 0");
        }
        if ((b0 & 0x7f) != 1) {
            throw CodecException.unsupported("av1C version " + (b0 & 0x7f) + ", expected 1");
        }
        int b1 = b[1] & 0xff;
        int b2 = b[2] & 0xff;
        int b3 = b[3] & 0xff;
        return new Av1CodecConfig(b1 >> 5, b1 & 0x1f, b2 >> 7, (b2 & 0x40) != 0, (b2 & 0x20) != 0, (b2 & 0x10) != 0,
                (b2 >> 3) & 1, (b2 >> 2) & 1, b2 & 3, (b3 & 0x10) != 0 ? b3 & 0x0f : -1,
                Arrays.copyOfRange(b, 4, b.length));
    }

    public byte[] toBytes() {
        byte[] b = new byte[4 + configObus.length];
        b[0] = (byte) 0x81;
        b[1] = (byte) (seqProfile << 5 | seqLevelIdx0);
        b[2] = (byte) (seqTier0 << 7 | (highBitdepth ? 0x40 : 0) | (twelveBit ? 0x20 : 0) | (monochrome ? 0x10 : 0)
                | chromaSubsamplingX << 3 | chromaSubsamplingY << 2 | chromaSamplePosition);
        b[3] = (byte) (initialPresentationDelayMinusOne >= 0 ? 0x10 | initialPresentationDelayMinusOne : 0);
        System.arraycopy(configObus, 0, b, 4, configObus.length);
        return b;
    }

    /** Builds the record from a sequence header OBU, which becomes its only config OBU. */
    public static Av1CodecConfig of(byte[] sequenceHeaderObu) {
        Av1SequenceHeader s = Av1SequenceHeader.parse(sequenceHeaderObu);
        return new Av1CodecConfig(s.seqProfile(), s.seqLevelIdx(), s.seqTier(), s.bitDepth() > 8, s.bitDepth() == 12,
                s.monochrome(), s.subsamplingX(), s.subsamplingY(), s.chromaSamplePosition(), -1, sequenceHeaderObu);
    }

    public static Av1CodecConfig of(Av1Parameters params) {
        return of(params.sequenceHeaderObu());
    }

    /** The sequence header OBU among the config OBUs, or null when there is none. */
    public byte[] sequenceHeaderObu() {
        for (byte[] o : Av1Obu.split(configObus, 0, configObus.length)) {
            if (Av1Obu.type(o) == Av1Obu.OBU_SEQUENCE_HEADER) {
                return o;
            }
        }
        return null;
    }

    @Override
    public byte[] configObus() {
        return configObus.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Av1CodecConfig c && seqProfile == c.seqProfile && seqLevelIdx0 == c.seqLevelIdx0
                && seqTier0 == c.seqTier0 && highBitdepth == c.highBitdepth && twelveBit == c.twelveBit
                && monochrome == c.monochrome && chromaSubsamplingX == c.chromaSubsamplingX
                && chromaSubsamplingY == c.chromaSubsamplingY && chromaSamplePosition == c.chromaSamplePosition
                && initialPresentationDelayMinusOne == c.initialPresentationDelayMinusOne
                && Arrays.equals(configObus, c.configObus);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seqProfile, seqLevelIdx0, seqTier0, highBitdepth, twelveBit, monochrome,
                chromaSubsamplingX, chromaSubsamplingY, chromaSamplePosition, initialPresentationDelayMinusOne,
                Arrays.hashCode(configObus));
    }

    @Override
    public String toString() {
        return "Av1CodecConfig[profile=" + seqProfile + ", level=" + seqLevelIdx0 + ", tier=" + seqTier0
                + ", highBitdepth=" + highBitdepth + ", twelveBit=" + twelveBit + ", mono=" + monochrome
                + ", subsampling=" + chromaSubsamplingX + chromaSubsamplingY + ", csp=" + chromaSamplePosition
                + ", delay=" + initialPresentationDelayMinusOne + ", configObus=" + configObus.length + "B]";
    }
}
