package io.livegate.rtc.srtp;

/**
 * An SRTP or SRTCP packet that cannot be protected or unprotected. The packet is dropped and counted by
 * reason; the session stays up. Built without a stack trace because forged packets on a public port make
 * these cheap to trigger.
 */
public final class SrtpException extends RuntimeException {

    public enum Reason {
        /** Shorter than its headers and tag, or a header length pointing past the end. */
        MALFORMED,
        /** The authentication tag did not verify. */
        AUTH_FAILED,
        /** Already received, or older than the replay window. */
        REPLAYED,
        /** More SSRCs than {@link SrtpLimits#maxSsrcs()}. */
        TOO_MANY_SSRCS,
        /** The buffer has no room for the tag. */
        NO_ROOM,
        /** The JCE refused the operation (missing algorithm, bad key). */
        CRYPTO
    }

    private final Reason reason;

    public SrtpException(Reason reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    public SrtpException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
