package io.livegate.codec.vp9;

import io.livegate.codec.CodecException;
import java.util.Arrays;
import java.util.Objects;

/**
 * VPCodecConfigurationRecord (VP Codec ISO Media File Format Binding, section 2.2): the body of a {@code vpcC}
 * box including its FullBox version (1) and flags (0).
 *
 * @param profile                 0..3
 * @param level                   VP9 level times ten (10 = level 1, 31 = level 3.1), 0 when unknown
 * @param bitDepth                8, 10 or 12
 * @param chromaSubsampling       0 4:2:0 vertical, 1 4:2:0 colocated, 2 4:2:2, 3 4:4:4
 * @param videoFullRange          videoFullRangeFlag
 * @param colourPrimaries         ISO/IEC 23091-4 value (2 unspecified)
 * @param transferCharacteristics ISO/IEC 23091-4 value (2 unspecified)
 * @param matrixCoefficients      ISO/IEC 23091-4 value (2 unspecified)
 * @param codecInitializationData must be empty for VP8 and VP9
 */
public record Vp9CodecConfig(int profile, int level, int bitDepth, int chromaSubsampling, boolean videoFullRange,
                             int colourPrimaries, int transferCharacteristics, int matrixCoefficients,
                             byte[] codecInitializationData) {

    /** Largest picture (luma samples) of each VP9 level (VP9 levels table), for {@link #levelFor}. */
    private static final int[][] LEVELS = {{10, 36864}, {11, 73728}, {20, 122880}, {21, 245760}, {30, 552960},
        {31, 983040}, {40, 2228224}, {50, 8912896}, {60, 35651584}};

    public Vp9CodecConfig {
        CodecException.checkRange("vpcC profile", profile, 0, 255);
        CodecException.checkRange("vpcC level", level, 0, 255);
        CodecException.checkRange("vpcC bitDepth", bitDepth, 0, 15);
        CodecException.checkRange("vpcC chromaSubsampling", chromaSubsampling, 0, 7);
        CodecException.checkRange("vpcC colourPrimaries", colourPrimaries, 0, 255);
        CodecException.checkRange("vpcC transferCharacteristics", transferCharacteristics, 0, 255);
        CodecException.checkRange("vpcC matrixCoefficients", matrixCoefficients, 0, 255);
        codecInitializationData = codecInitializationData.clone();
        if (codecInitializationData.length > 0xffff) {
            throw CodecException.tooLong("codecInitializationDataSize", codecInitializationData.length, 0xffff);
        }
    }

    public static Vp9CodecConfig parse(byte[] b) {
        if (b.length < 12) {
            throw CodecException.truncated("vpcC", 12, b.length);
        }
        if (b[0] != 1) {
            throw CodecException.unsupported("vpcC version " + (b[0] & 0xff) + ", expected 1");
        }
        int b6 = b[6] & 0xff;
        int size = (b[10] & 0xff) << 8 | (b[11] & 0xff);
        if (size > b.length - 12) {
            throw CodecException.truncated("vpcC codecInitializationData", size, b.length - 12);
        }
        return new Vp9CodecConfig(b[4] & 0xff, b[5] & 0xff, b6 >> 4, (b6 >> 1) & 7, (b6 & 1) != 0, b[7] & 0xff,
                b[8] & 0xff, b[9] & 0xff, Arrays.copyOfRange(b, 12, 12 + size));
    }

    public byte[] toBytes() {
        byte[] b = new byte[12 + codecInitializationData.length];
        b[0] = 1;
        b[4] = (byte) profile;
        b[5] = (byte) level;
        b[6] = (byte) (bitDepth << 4 | chromaSubsampling << 1 | (videoFullRange ? 1 : 0));
        b[7] = (byte) colourPrimaries;
        b[8] = (byte) transferCharacteristics;
        b[9] = (byte) matrixCoefficients;
        b[10] = (byte) (codecInitializationData.length >> 8);
        b[11] = (byte) codecInitializationData.length;
        System.arraycopy(codecInitializationData, 0, b, 12, codecInitializationData.length);
        return b;
    }

    /**
     * The record for a stream whose key frame header is known; colour description unspecified (2), level from the
     * picture size (the lowest level whose maximum picture size holds it).
     */
    public static Vp9CodecConfig of(Vp9FrameHeader keyframe) {
        int subsampling = keyframe.subsamplingX() == 1 ? (keyframe.subsamplingY() == 1 ? 1 : 2) : 3;
        return new Vp9CodecConfig(keyframe.profile(), levelFor(keyframe.width(), keyframe.height()),
                keyframe.bitDepth(), subsampling, keyframe.fullRange(), 2, 2, 2, new byte[0]);
    }

    /** The lowest VP9 level whose maximum picture size holds {@code width x height}; 0 when the size is unknown. */
    public static int levelFor(int width, int height) {
        long samples = (long) width * height;
        if (samples <= 0) {
            return 0;
        }
        for (int[] l : LEVELS) {
            if (samples <= l[1]) {
                return l[0];
            }
        }
        return 62;
    }

    @Override
    public byte[] codecInitializationData() {
        return codecInitializationData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vp9CodecConfig c && profile == c.profile && level == c.level && bitDepth == c.bitDepth
                && chromaSubsampling == c.chromaSubsampling && videoFullRange == c.videoFullRange
                && colourPrimaries == c.colourPrimaries && transferCharacteristics == c.transferCharacteristics
                && matrixCoefficients == c.matrixCoefficients
                && Arrays.equals(codecInitializationData, c.codecInitializationData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, level, bitDepth, chromaSubsampling, videoFullRange, colourPrimaries,
                transferCharacteristics, matrixCoefficients, Arrays.hashCode(codecInitializationData));
    }

    @Override
    public String toString() {
        return "Vp9CodecConfig[profile=" + profile + ", level=" + level + ", bitDepth=" + bitDepth + ", chroma="
                + chromaSubsampling + ", fullRange=" + videoFullRange + ", cp=" + colourPrimaries + ", tc="
                + transferCharacteristics + ", mc=" + matrixCoefficients + "]";
    }
}
