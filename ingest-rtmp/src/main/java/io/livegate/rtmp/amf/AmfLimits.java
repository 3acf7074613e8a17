package io.livegate.rtmp.amf;

/**
 * Bounds for decoding one AMF message body.
 *
 * @param maxDepth        nesting depth of objects and arrays
 * @param maxItems        values read in total, nested ones and AMF3 reference table entries included
 * @param maxStringLength bytes in one string (and in one AMF3 ByteArray)
 */
public record AmfLimits(int maxDepth, int maxItems, int maxStringLength) {

    /** connect and onMetaData nest at most 3 levels in every client seen; 16 stops recursion bombs. */
    public static final int DEFAULT_MAX_DEPTH = 16;
    /** onMetaData of OBS has about 30 entries; a few thousand is plenty and bounds parse time. */
    public static final int DEFAULT_MAX_ITEMS = 4096;
    /** URLs and encoder strings are short; 64 KiB is the AMF0 short-string maximum anyway. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 65_535;

    public static final AmfLimits DEFAULTS = new AmfLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEMS,
            DEFAULT_MAX_STRING_LENGTH);

    public AmfLimits {
        if (maxDepth < 1 || maxItems < 1 || maxStringLength < 1) {
            throw new IllegalArgumentException("AMF limits must be > 0");
        }
    }
}
