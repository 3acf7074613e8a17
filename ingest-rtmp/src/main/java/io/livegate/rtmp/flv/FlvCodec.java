package io.livegate.rtmp.flv;

/** The codecs the tag reader understands, with their Enhanced RTMP FourCC. */
public enum FlvCodec {
    AVC("avc1", true),
    HEVC("hvc1", true),
    AV1("av01", true),
    VP9("vp09", true),
    VP8("vp08", true),
    AAC("mp4a", false),
    OPUS("Opus", false);

    private final int fourCc;
    private final String name;
    private final boolean video;

    FlvCodec(String fourCc, boolean video) {
        this.fourCc = fourCc.charAt(0) << 24 | fourCc.charAt(1) << 16 | fourCc.charAt(2) << 8 | fourCc.charAt(3);
        this.name = fourCc;
        this.video = video;
    }

    public int fourCc() {
        return fourCc;
    }

    public String fourCcString() {
        return name;
    }

    public boolean isVideo() {
        return video;
    }

    /** The codec of a video or audio FourCC, or null when not supported. */
    static FlvCodec ofFourCc(int fourCc, boolean video) {
        for (FlvCodec c : values()) {
            if (c.fourCc == fourCc && c.video == video) {
                return c;
            }
        }
        return null;
    }

    static String fourCcText(int fourCc) {
        StringBuilder sb = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int ch = (fourCc >>> shift) & 0xFF;
            sb.append(ch >= 0x20 && ch < 0x7F ? (char) ch : '?');
        }
        return sb.toString();
    }
}
