package io.livegate.rtc.stun;

/**
 * Bounds applied to untrusted STUN messages.
 *
 * @param maxMessageBytes largest message accepted, header included
 * @param maxAttributes   most attributes read from one message
 */
public record StunLimits(int maxMessageBytes, int maxAttributes) {
    /** A STUN check must fit one UDP datagram; 1500 is the Ethernet MTU (browsers send ~100-200 B). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1500;
    /** ICE checks carry about 6 attributes; 32 leaves room for vendor extras (Chrome adds 2-3). */
    public static final int DEFAULT_MAX_ATTRIBUTES = 32;

    public static final StunLimits DEFAULTS = new StunLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_ATTRIBUTES);

    public StunLimits {
        if (maxMessageBytes < StunMessage.HEADER_BYTES || maxAttributes < 1) {
            throw new IllegalArgumentException("bad STUN limits: " + maxMessageBytes + ", " + maxAttributes);
        }
    }
}
