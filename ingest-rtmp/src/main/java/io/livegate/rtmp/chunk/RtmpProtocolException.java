package io.livegate.rtmp.chunk;

import io.netty.handler.codec.DecoderException;

/** A peer broke the RTMP protocol or one of the {@link RtmpLimits}; the session ends. */
public final class RtmpProtocolException extends DecoderException {

    /** Why, for logs and failure counters. */
    public enum Reason {
        BAD_HANDSHAKE,
        HEADER_WITHOUT_CONTEXT,
        HEADER_INSIDE_MESSAGE,
        UNKNOWN_MESSAGE_TYPE,
        BAD_CONTROL_MESSAGE,
        CHUNK_SIZE_TOO_LARGE,
        MESSAGE_TOO_LARGE,
        TOO_MANY_CHUNK_STREAMS,
        TOO_MUCH_BUFFERED,
        BAD_COMMAND,
        PEER_NOT_READING
    }

    private final Reason reason;

    public RtmpProtocolException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
