package io.livegate.whep.session;

/** A WHEP request that cannot be served; the message is sent to the client as the response body. */
public final class WhepException extends Exception {

    /** Why, with the HTTP status it maps to. */
    public enum Reason {
        BAD_OFFER(400),
        BAD_FRAGMENT(400),
        UNAUTHORIZED(401),
        STREAM_NOT_FOUND(404),
        SESSION_NOT_FOUND(404),
        /** The viewer asked for server-offer mode and it is switched off (draft-murillo-whep-01 §4.2). */
        SERVER_OFFER_DISABLED(406),
        NO_COMMON_CODEC(409),
        /**
         * A request the session cannot take in its state: trickle or ICE restart before the answer of a server
         * offer (the draft forbids the player to send it), or a second answer.
         */
        WRONG_STATE(409),
        ETAG_MISMATCH(412),
        UNSUPPORTED_MEDIA_TYPE(415),
        STREAM_NOT_READY(503),
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

    public WhepException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
