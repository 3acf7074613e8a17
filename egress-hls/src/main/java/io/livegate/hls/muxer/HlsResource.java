package io.livegate.hls.muxer;

/** What an HLS URL names below a stream path. Renditions are {@code video} and {@code audio}. */
public sealed interface HlsResource {

    /** {@code index.m3u8} (low-latency) or {@code classic.m3u8}. */
    record Multivariant(boolean classic) implements HlsResource {
    }

    /**
     * {@code video.m3u8} / {@code video_classic.m3u8} with the delivery directives of rfc8216bis 6.2.5
     * ({@code msn}, {@code part} -1 when absent).
     */
    record MediaPlaylist(String rendition, boolean classic, long msn, long part, boolean skip) implements HlsResource {
    }

    /** {@code video_<gen>_init<version>.mp4}. */
    record Init(String rendition, String generation, int version) implements HlsResource {
    }

    /** {@code video_<gen>_s<msn>.m4s}. */
    record Segment(String rendition, String generation, long msn) implements HlsResource {
    }

    /** {@code video_<gen>_p<id>.m4s}. */
    record Part(String rendition, String generation, long id) implements HlsResource {
    }
}
