package io.livegate.rtc.ice;

/** What the agent made of one incoming STUN message. */
public sealed interface IceCheckResult {
    /** Why a message got no answer at all; the transport counts these. */
    enum IgnoreReason {
        NOT_A_BINDING_REQUEST,
        TOO_MANY_ENDPOINTS,
        CLOSED
    }

    /**
     * A valid check: send {@code response} back to {@code from}.
     *
     * @param nominated       the check carried USE-CANDIDATE
     * @param selectedChanged the selected pair is now {@code from} (first nomination or a better one)
     */
    record Success(byte[] response, RemoteEndpoint from, boolean nominated, boolean selectedChanged)
            implements IceCheckResult {}

    /** A rejected check: send the error response (400, 401, 420 or 487) back. */
    record ErrorResponse(byte[] response, int code) implements IceCheckResult {}

    /** Nothing to send. */
    record Ignored(IgnoreReason reason) implements IceCheckResult {}
}
