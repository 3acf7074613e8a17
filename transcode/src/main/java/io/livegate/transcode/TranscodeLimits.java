package io.livegate.transcode;

/**
 * Bounds on what a publisher's AAC track may make the transcoder do.
 *
 * @param maxAacFrameBytes         larger frames are counted bad and skipped
 * @param maxConsecutiveBadFrames  after this many failures in a row the AAC decoder is recreated
 * @param maxOpusQueueFrames       Opus packets queued per viewer before new ones are dropped
 */
public record TranscodeLimits(int maxAacFrameBytes, int maxConsecutiveBadFrames, int maxOpusQueueFrames) {

    /** ADTS frame_length is 13 bits; 6144 bits per channel is the AAC maximum, so 8 channels fit too. */
    public static final int DEFAULT_MAX_AAC_FRAME_BYTES = 8191;
    /** Half a second of 1024-sample frames: a decoder that fails this long is assumed wedged. */
    public static final int DEFAULT_MAX_CONSECUTIVE_BAD_FRAMES = 24;
    /** 5 s of 20 ms packets: a viewer further behind than that cannot play them in time anyway. */
    public static final int DEFAULT_MAX_OPUS_QUEUE_FRAMES = 250;

    public static final TranscodeLimits DEFAULTS = new TranscodeLimits(DEFAULT_MAX_AAC_FRAME_BYTES,
            DEFAULT_MAX_CONSECUTIVE_BAD_FRAMES, DEFAULT_MAX_OPUS_QUEUE_FRAMES);

    public TranscodeLimits {
        if (maxAacFrameBytes <= 0 || maxConsecutiveBadFrames <= 0 || maxOpusQueueFrames <= 0) {
            throw new IllegalArgumentException("limits must be > 0");
        }
    }
}
