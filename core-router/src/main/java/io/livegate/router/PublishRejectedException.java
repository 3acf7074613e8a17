package io.livegate.router;

/** A publish request was refused; the message is fit to send to the client. */
public final class PublishRejectedException extends Exception {

    /** Why, for metrics and protocol status codes. */
    public enum Reason {
        /** A live publisher holds the path and takeover is off. */
        PATH_BUSY,
        /** The {@link PublishHook} said no. */
        NOT_ALLOWED,
        /** The path is not a valid stream path. */
        BAD_PATH
    }

    private final Reason reason;

    public PublishRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
