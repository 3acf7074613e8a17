package io.livegate.media;

import java.util.Objects;

/**
 * One access unit on the bus.
 *
 * @param trackId     the {@link Track#id()} it belongs to
 * @param pts         presentation time in the track's clock
 * @param dts         decode time in the track's clock; equals pts unless the stream reorders (B-frames)
 * @param keyframe    true when decoding can start here (IDR/IRAP, VPx/AV1 key frame; every audio frame)
 * @param payload     the canonical payload; shared by all subscribers, never mutated
 * @param ingestNanos {@link System#nanoTime()} when the frame entered the gateway, for latency metrics
 */
public record Frame(int trackId, long pts, long dts, boolean keyframe, Payload payload, long ingestNanos) {

    public Frame {
        Objects.requireNonNull(payload, "payload");
    }

    /** Composition offset (pts - dts) in the track's clock. */
    public long compositionOffset() {
        return pts - dts;
    }

    public int size() {
        return payload.size();
    }

    public Frame withTimestamps(long newPts, long newDts) {
        return new Frame(trackId, newPts, newDts, keyframe, payload, ingestNanos);
    }
}
