package io.livegate.rtc.rtp;

/** An RTP packet that cannot be parsed or written; the packet is dropped, the session stays up. */
public final class RtpException extends RuntimeException {

    public enum Reason {
        /** Shorter than a header, CSRC list, extension or padding says. */
        TRUNCATED,
        /** Version field other than 2. */
        BAD_VERSION,
        /** Padding count of zero or larger than the payload. */
        BAD_PADDING,
        /** One-byte or two-byte extension elements that do not fit or use a reserved id. */
        BAD_EXTENSION,
        /** A value out of its field's range when writing. */
        OUT_OF_RANGE
    }

    private final Reason reason;

    public RtpException(Reason reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
