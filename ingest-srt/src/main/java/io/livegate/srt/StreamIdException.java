package io.livegate.srt;

/** A stream id that cannot be used; the caller is rejected with {@link #rejectCode()}. */
public final class StreamIdException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, for metrics and the SRT reject code. */
    public enum Reason {
        /** No stream id: the caller must say which stream it publishes. */
        MISSING,
        /** Longer than libsrt's 512 bytes, or more fields than the limit. */
        TOO_LONG,
        /** Not parseable as any accepted form. */
        SYNTAX,
        /** The nested {@code #!:{...}} form, or a {@code t=} type other than stream. */
        UNSUPPORTED,
        /** An {@code m=} mode that is not publish, request or bidirectional. */
        BAD_MODE
    }

    private final Reason reason;

    public StreamIdException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
