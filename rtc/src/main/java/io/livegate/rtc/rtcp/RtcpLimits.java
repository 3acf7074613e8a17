package io.livegate.rtc.rtcp;

/**
 * Bounds for parsing RTCP from the network.
 *
 * @param maxPacketsPerCompound packets in one compound datagram
 * @param maxTwccStatuses       packet statuses in one transport-cc feedback
 */
public record RtcpLimits(int maxPacketsPerCompound, int maxTwccStatuses) {

    /** A 1500-byte datagram holds at most 375 4-byte packets; browsers send under 10. */
    public static final int DEFAULT_MAX_PACKETS_PER_COMPOUND = 64;
    /** libwebrtc caps one feedback at 2^14 statuses before starting a new one (and the field is 16 bits). */
    public static final int DEFAULT_MAX_TWCC_STATUSES = 16384;

    public static final RtcpLimits DEFAULT = new RtcpLimits(DEFAULT_MAX_PACKETS_PER_COMPOUND, DEFAULT_MAX_TWCC_STATUSES);

    public RtcpLimits {
        if (maxPacketsPerCompound < 1 || maxTwccStatuses < 1 || maxTwccStatuses > 0xFFFF) {
            throw new IllegalArgumentException("bad RTCP limits " + maxPacketsPerCompound + "/" + maxTwccStatuses);
        }
    }
}
