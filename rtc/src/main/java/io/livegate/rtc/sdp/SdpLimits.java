package io.livegate.rtc.sdp;

/**
 * Bounds on SDP from the network (WHIP/WHEP bodies, PATCH fragments).
 *
 * @param maxBytes         characters of one description
 * @param maxLines         lines of one description
 * @param maxLineLength    characters of one line
 * @param maxMediaSections m= sections
 */
public record SdpLimits(int maxBytes, int maxLines, int maxLineLength, int maxMediaSections) {

    /** A Chromium 156 offer with audio, video and three simulcast layers is about 7 KiB; 64 KiB is ample. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    /** That offer has 166 lines; a 16-section conference offer stays under 3000. */
    public static final int DEFAULT_MAX_LINES = 4096;
    /** The longest real lines (fmtp, fingerprint, candidates with extensions) are under 300 characters. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 4096;
    /** WHIP and WHEP use 2-3 sections; 32 leaves room for multi-track publishers. */
    public static final int DEFAULT_MAX_MEDIA_SECTIONS = 32;

    public static final SdpLimits DEFAULT = new SdpLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_LINES,
            DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_MEDIA_SECTIONS);

    public SdpLimits {
        if (maxBytes < 1 || maxLines < 1 || maxLineLength < 1 || maxMediaSections < 1) {
            throw new IllegalArgumentException("SDP limits must be positive");
        }
    }
}
