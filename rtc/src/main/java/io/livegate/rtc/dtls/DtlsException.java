package io.livegate.rtc.dtls;

/** A DTLS handshake or record failure; it ends only its own session. */
public final class DtlsException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why DTLS failed. */
    public enum Reason {
        /** The peer's certificate does not hash to the fingerprint in its SDP, or it sent none. */
        FINGERPRINT_MISMATCH,
        /** No SRTP profile in common, or the peer did not negotiate use_srtp. */
        NO_SRTP_PROFILE,
        /** The handshake did not finish within the configured time. */
        TIMEOUT,
        /** The peer sent a fatal alert. */
        PEER_ALERT,
        /** The transport was closed underneath the handshake. */
        CLOSED,
        /** Anything else BC rejected. */
        HANDSHAKE_FAILED
    }

    private final Reason reason;

    public DtlsException(Reason reason, String message, Throwable cause) {
        super("dtls: " + reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
