package io.livegate.hls.muxer;

/**
 * File names below {@code /{path}/}. Media names carry the muxer generation (a base-36 start time), so a name is
 * never reused for other bytes, even after the muxer restarts, and CDNs may cache them as immutable.
 */
public final class HlsNames {

    public static final String VIDEO = "video";
    public static final String AUDIO = "audio";
    public static final String MULTIVARIANT = "index.m3u8";
    public static final String MULTIVARIANT_CLASSIC = "classic.m3u8";

    private HlsNames() {
    }

    public static String playlist(String rendition, boolean classic) {
        return rendition + (classic ? "_classic.m3u8" : ".m3u8");
    }

    public static String init(String rendition, String generation, int version) {
        return rendition + "_" + generation + "_init" + version + ".mp4";
    }

    public static String segment(String rendition, String generation, long msn) {
        return rendition + "_" + generation + "_s" + msn + ".m4s";
    }

    public static String part(String rendition, String generation, long id) {
        return rendition + "_" + generation + "_p" + id + ".m4s";
    }
}
