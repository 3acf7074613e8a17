package io.livegate.media;

/** The codecs the bus carries. Each has exactly one canonical {@link Payload} form. */
public enum Codec {
    H264(MediaKind.VIDEO, 90_000),
    H265(MediaKind.VIDEO, 90_000),
    AV1(MediaKind.VIDEO, 90_000),
    VP8(MediaKind.VIDEO, 90_000),
    VP9(MediaKind.VIDEO, 90_000),
    AAC(MediaKind.AUDIO, 0),
    OPUS(MediaKind.AUDIO, 48_000);

    private final MediaKind kind;
    private final int fixedClockRate;

    Codec(MediaKind kind, int fixedClockRate) {
        this.kind = kind;
        this.fixedClockRate = fixedClockRate;
    }

    public MediaKind kind() {
        return kind;
    }

    public boolean isVideo() {
        return kind == MediaKind.VIDEO;
    }

    /**
     * The RTP/MP4 clock this codec always uses (90 kHz video, 48 kHz Opus), or 0 when it depends on the
     * stream (AAC runs at its sampling rate).
     */
    public int fixedClockRate() {
        return fixedClockRate;
    }
}
