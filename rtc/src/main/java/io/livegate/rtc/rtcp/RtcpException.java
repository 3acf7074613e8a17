package io.livegate.rtc.rtcp;

/** An RTCP packet that cannot be parsed or written; the datagram is dropped, the session stays up. */
public final class RtcpException extends RuntimeException {

    public enum Reason {
        /** Shorter than its header, length field or a count says. */
        TRUNCATED,
        /** Version other than 2, or a length field that does not match the content. */
        MALFORMED,
        /** Padding count of zero or past the packet. */
        BAD_PADDING,
        /** More packets or entries than {@link RtcpLimits} allows. */
        TOO_MANY,
        /** A value out of its field's range when building or writing. */
        OUT_OF_RANGE
    }

    private final Reason reason;

    public RtcpException(Reason reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
