package io.livegate.rtmp.amf;

/** An AMF body could not be decoded within its {@link AmfLimits}. */
public final class AmfException extends RuntimeException {

    /** Why, for logs and failure counters. */
    public enum Reason {
        TRUNCATED,
        TOO_DEEP,
        TOO_MANY_ITEMS,
        STRING_TOO_LONG,
        UNKNOWN_MARKER,
        UNSUPPORTED
    }

    private final Reason reason;

    public AmfException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
