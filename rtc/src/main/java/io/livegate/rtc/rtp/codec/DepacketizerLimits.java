package io.livegate.rtc.rtp.codec;

/**
 * Bounds on frame reassembly.
 *
 * @param maxFrameBytes bytes of one reassembled frame
 * @param maxUnits      NAL units or OBUs in one frame
 */
public record DepacketizerLimits(int maxFrameBytes, int maxUnits) {

    /** An 8 MiB access unit covers 50 Mbit/s 2160p60 keyframes with room (mediacommon's figure). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 8 * 1024 * 1024;
    /** Encoders emit under 50 NAL units per access unit (slices, SEI); 1024 bounds per-frame lists. */
    public static final int DEFAULT_MAX_UNITS = 1024;

    public static final DepacketizerLimits DEFAULT = new DepacketizerLimits(DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_UNITS);

    public DepacketizerLimits {
        if (maxFrameBytes < 1 || maxUnits < 1) {
            throw new IllegalArgumentException("depacketizer limits must be positive");
        }
    }
}
