package io.livegate.rtmp.flv;

/** An audio or video tag body could not be parsed. The publisher counts it as an invalid tag and goes on. */
public final class FlvException extends RuntimeException {

    /** Why, for logs and failure counters. */
    public enum Reason {
        TRUNCATED,
        UNSUPPORTED_CODEC,
        UNKNOWN_PACKET_TYPE,
        TOO_MANY_TRACKS,
        BAD_TRACK_SIZE
    }

    private final Reason reason;

    public FlvException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
