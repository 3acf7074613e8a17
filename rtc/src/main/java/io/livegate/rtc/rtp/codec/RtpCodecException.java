package io.livegate.rtc.rtp.codec;

/** A payload that cannot be depacketized (or a frame that cannot be packetized); the frame is dropped. */
public final class RtpCodecException extends RuntimeException {

    public enum Reason {
        /** A payload shorter than its headers or with inconsistent sizes. */
        MALFORMED,
        /** A packet type this implementation does not handle (H.264 STAP-B/MTAP/FU-B, H.265 PACI). */
        UNSUPPORTED,
        /** A frame over {@link DepacketizerLimits}. */
        TOO_LARGE
    }

    private final Reason reason;

    public RtpCodecException(Reason reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
