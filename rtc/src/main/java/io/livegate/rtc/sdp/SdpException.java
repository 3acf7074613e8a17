package io.livegate.rtc.sdp;

/** An SDP that cannot be parsed or answered; WHIP/WHEP reply 400 (or 413/488) and keep no state. */
public final class SdpException extends RuntimeException {

    public enum Reason {
        /** More bytes than {@link SdpLimits#maxBytes()}: HTTP 413. */
        TOO_LARGE,
        /** More lines, media sections or line bytes than {@link SdpLimits} allows. */
        TOO_MANY,
        /** A line that is not {@code <letter>=<value>}, or v=/o=/m= out of place. */
        MALFORMED_LINE,
        /** An attribute whose value does not follow its grammar. */
        BAD_ATTRIBUTE,
        /** The offer lacks something an answer needs (ICE credentials, fingerprint, mid, BUNDLE). */
        MISSING,
        /** No offered codec matches what we accept in any media section: HTTP 488. */
        NO_COMMON_CODEC
    }

    private final Reason reason;

    public SdpException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
