package io.livegate.srt.mpegts;

import io.livegate.media.Codec;

/** What an elementary stream carries, from its PMT stream_type and descriptors (ISO/IEC 13818-1 Table 2-34). */
public enum StreamKind {
    H264(Codec.H264),
    H265(Codec.H265),
    AAC_ADTS(Codec.AAC),
    OPUS(Codec.OPUS),
    /** MPEG-1/2 audio layers I-III: recognised, not supported (no canonical payload on the bus). */
    MPEG_AUDIO(null),
    /** AAC in LATM/LOAS: recognised, not supported. */
    AAC_LATM(null),
    /** Anything else (private data, SCTE-35, metadata, AC-3 ...). */
    OTHER(null);

    private final Codec codec;

    StreamKind(Codec codec) {
        this.codec = codec;
    }

    /** The bus codec, or null when this kind is skipped. */
    public Codec codec() {
        return codec;
    }

    public boolean supported() {
        return codec != null;
    }

    static StreamKind of(int streamType, int registration) {
        return switch (streamType) {
            case 0x1B -> H264;
            case 0x24 -> H265;
            case 0x0F -> AAC_ADTS;
            case 0x11 -> AAC_LATM;
            case 0x03, 0x04 -> MPEG_AUDIO;
            case 0x06 -> registration == OPUS_REGISTRATION ? OPUS : OTHER;
            default -> OTHER;
        };
    }

    /** format_identifier "Opus" of the registration descriptor. */
    static final int OPUS_REGISTRATION = 0x4f707573;
}
