package io.livegate.codec;

/**
 * Bounds applied to untrusted codec bitstreams before anything is allocated or looped over.
 *
 * @param maxAccessUnitSize        bytes in one access unit / temporal unit
 * @param maxNalUnitsPerAccessUnit NAL units in one H.264/H.265 access unit
 * @param maxObusPerTemporalUnit   OBUs in one AV1 temporal unit
 */
public record CodecLimits(int maxAccessUnitSize, int maxNalUnitsPerAccessUnit, int maxObusPerTemporalUnit) {

    /**
     * 8 MiB: mediacommon measured that a 50 Mbps 2160p60 H.264 or H.265 stream stays below it; about 5x the
     * largest keyframe a 20 Mbps 1080p encoder sends.
     */
    public static final int DEFAULT_MAX_ACCESS_UNIT_SIZE = 8 * 1024 * 1024;

    /**
     * 256: x264 with zerolatency at 4K stays under 25 NAL units (mediacommon), but encoders cutting one slice per
     * macroblock row reach 135 slices at 2160p, plus AUD, SEI and parameter sets.
     */
    public static final int DEFAULT_MAX_NAL_UNITS_PER_ACCESS_UNIT = 256;

    /** 256: a temporal unit holds a sequence header, metadata, and up to 8 spatial/temporal layers of tile groups. */
    public static final int DEFAULT_MAX_OBUS_PER_TEMPORAL_UNIT = 256;

    public static final CodecLimits DEFAULT = new CodecLimits(DEFAULT_MAX_ACCESS_UNIT_SIZE,
            DEFAULT_MAX_NAL_UNITS_PER_ACCESS_UNIT, DEFAULT_MAX_OBUS_PER_TEMPORAL_UNIT);

    public CodecLimits {
        if (maxAccessUnitSize <= 0 || maxNalUnitsPerAccessUnit <= 0 || maxObusPerTemporalUnit <= 0) {
            throw new IllegalArgumentException("codec limits must be > 0");
        }
    }
}
