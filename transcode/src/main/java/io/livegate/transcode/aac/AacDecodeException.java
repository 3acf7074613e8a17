package io.livegate.transcode.aac;

/** An AAC configuration or frame the decoder cannot use. */
public final class AacDecodeException extends Exception {

    /** What went wrong. */
    public enum Reason {
        /** The AudioSpecificConfig names something this decoder does not do. */
        UNSUPPORTED,
        /** The frame is not valid AAC for the configuration (the decoder threw or produced nothing). */
        MALFORMED,
        /** The frame is larger than the limit. */
        TOO_LONG
    }

    private final Reason reason;

    public AacDecodeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public AacDecodeException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
