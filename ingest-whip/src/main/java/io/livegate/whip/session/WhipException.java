package io.livegate.whip.session;

/** A WHIP request that cannot be served; the message goes to the client as the response body. */
public final class WhipException extends Exception {

    /** Why, with the HTTP status it maps to (RFC 9725 4.2, 4.3, 4.4). */
    public enum Reason {
        /** The body is not an SDP offer we can answer, or offers no track we can take. */
        BAD_OFFER(400),
        BAD_FRAGMENT(400),
        BAD_PATH(400),
        /** No bearer token, and the publish hook wants one. */
        UNAUTHORIZED(401),
        /** The publish hook refused the token or the path. */
        FORBIDDEN(403),
        SESSION_NOT_FOUND(404),
        /** A live publisher holds the path and takeover is off. */
        PATH_BUSY(409),
        ETAG_MISMATCH(412),
        UNSUPPORTED_MEDIA_TYPE(415),
        /** RFC 9725 4.3.1: a PATCH the session does not support while it supports another kind (ICE restart). */
        UNSUPPORTED_PATCH(422),
        TOO_MANY_SESSIONS(503);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public WhipException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
