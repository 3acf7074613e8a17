package io.livegate.router;

import java.util.Objects;

/**
 * Who subscribes, and how much it may have queued.
 *
 * @param protocol      {@code whep}, {@code hls}, ... (counted per protocol in the API)
 * @param remoteAddress the viewer, or empty for internal subscribers such as an HLS muxer
 * @param maxFrames     queue bound in frames
 * @param maxBytes      queue bound in payload bytes
 */
public record SubscriberInfo(String protocol, String remoteAddress, int maxFrames, long maxBytes) {

    /** About 10 s of 30 fps video plus 50 fps audio. */
    public static final int DEFAULT_MAX_FRAMES = 1024;
    /** 10 s of a 25 Mbit/s stream; a GOP cache bigger than this cannot be queued either. */
    public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;

    public SubscriberInfo {
        Objects.requireNonNull(protocol, "protocol");
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
        if (maxFrames <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("queue bounds must be > 0");
        }
    }

    public SubscriberInfo(String protocol, String remoteAddress) {
        this(protocol, remoteAddress, DEFAULT_MAX_FRAMES, DEFAULT_MAX_BYTES);
    }
}
