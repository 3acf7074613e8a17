package io.livegate.transcode.opus;

/** The Opus encoder refused its settings or a frame. */
public final class OpusEncodeException extends Exception {

    /** What went wrong. */
    public enum Reason {
        /** The encoder could not be created with the requested settings. */
        CONFIG,
        /** Encoding one frame failed. */
        ENCODE
    }

    private final Reason reason;

    public OpusEncodeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
