package io.livegate.rtc.stun;

/** A STUN message that cannot be parsed; the datagram is dropped and counted by {@link #reason()}. */
public final class StunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a message was rejected. */
    public enum Reason {
        TOO_SHORT,
        TOO_LONG,
        NOT_STUN,
        BAD_LENGTH,
        TOO_MANY_ATTRIBUTES,
        BAD_ATTRIBUTE,
        BAD_FINGERPRINT,
        ATTRIBUTE_AFTER_FINGERPRINT
    }

    private final Reason reason;

    public StunException(Reason reason, String message) {
        super("stun: " + reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
