package io.livegate.srt.mpegts;

/** MPEG-TS input that cannot be demultiplexed further; the session reading it closes. */
public final class TsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why, for metrics and logs. */
    public enum Reason {
        /** No sync byte pattern found within {@link TsLimits#maxUnsyncedBytes()}: not MPEG-TS. */
        NO_SYNC,
        /** A PSI section that passed its CRC is structurally wrong (lengths that overrun the section). */
        BAD_SECTION,
        /** A PES packet grew past {@link TsLimits#maxPesBytes()}. */
        PES_TOO_LARGE,
        /** The PMT lists more elementary streams than {@link TsLimits#maxElementaryStreams()}. */
        TOO_MANY_STREAMS,
        /** An elementary stream's payload cannot be parsed (Annex B, ADTS, Opus framing). */
        BAD_ELEMENTARY_STREAM
    }

    private final Reason reason;

    public TsException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + super.getMessage();
    }
}
