package io.livegate.hls.fmp4;

/**
 * One sample of a fragment.
 *
 * @param duration          decode duration in the track's timescale
 * @param compositionOffset pts - dts in the track's timescale; may be negative (trun version 1)
 * @param sync              a sync sample (keyframe; every audio sample)
 * @param data              the sample bytes exactly as they go into mdat (length-prefixed NAL units for AVC/HEVC)
 */
public record Sample(long duration, int compositionOffset, boolean sync, byte[] data) {

    public Sample {
        if (duration < 0 || duration > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sample duration out of range: " + duration);
        }
    }
}
