package io.livegate.srt.binding;

/** A libsrt call failed, or libsrt could not be loaded. */
public final class SrtException extends RuntimeException {

    /** Why, for metrics and logs. */
    public enum Reason {
        /** The shared library is not installed or lacks a symbol. */
        LIBRARY_MISSING,
        /** A libsrt function returned an error ({@link #code()} holds {@code srt_getlasterror}). */
        CALL_FAILED,
        /** An argument was refused before calling libsrt (e.g. passphrase length). */
        BAD_ARGUMENT
    }

    private final Reason reason;
    private final int code;

    public SrtException(Reason reason, int code, String message) {
        super(message);
        this.reason = reason;
        this.code = code;
    }

    public SrtException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.code = 0;
    }

    public Reason reason() {
        return reason;
    }

    /** The libsrt error code ({@code SRT_ERRNO}), 0 when none. */
    public int code() {
        return code;
    }
}
