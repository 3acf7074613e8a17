package io.livegate.codec;

/**
 * A codec bitstream or configuration record could not be read. Thrown by every parser in
 * {@code io.livegate.codec.*}; the {@link Reason} lets callers count failures by kind, and the message
 * gives the offending value and the limit it broke.
 */
public final class CodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why parsing failed. */
    public enum Reason {
        /** The input ended before a field or a declared length. */
        TRUNCATED,
        /** A length or count exceeds a {@link CodecLimits} value or a field's range. */
        TOO_LONG,
        /** A field holds a value the specification forbids. */
        MALFORMED,
        /** Valid per the specification but not handled here (version, profile, feature). */
        UNSUPPORTED
    }

    private final Reason reason;

    public CodecException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + super.getMessage();
    }

    public static CodecException truncated(String what, long needed, long available) {
        return new CodecException(Reason.TRUNCATED, what + " needs " + needed + " more, " + available + " left");
    }

    public static CodecException tooLong(String what, long value, long limit) {
        return new CodecException(Reason.TOO_LONG, what + " " + value + " exceeds limit " + limit);
    }

    public static CodecException malformed(String message) {
        return new CodecException(Reason.MALFORMED, message);
    }

    public static CodecException unsupported(String message) {
        return new CodecException(Reason.UNSUPPORTED, message);
    }

    /** Throws MALFORMED unless {@code min <= value <= max}; returns the value. */
    public static int checkRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw malformed(what + " " + value + " outside " + min + ".." + max);
        }
        return (int) value;
    }
}
