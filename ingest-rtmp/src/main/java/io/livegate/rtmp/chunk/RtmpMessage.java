package io.livegate.rtmp.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One RTMP message. The body is owned by whoever holds the message: release it (or the message) when done.
 *
 * @see RtmpMessageType
 */
public final class RtmpMessage extends DefaultByteBufHolder {

    private final int chunkStreamId;
    private final int typeId;
    private final long timestamp;
    private final int streamId;

    /**
     * @param chunkStreamId chunk stream it travels on (2 for protocol control, 3+ otherwise)
     * @param typeId        {@link RtmpMessageType}
     * @param timestamp     milliseconds, unsigned 32 bits
     * @param streamId      message stream id (0 for the connection)
     * @param body          the payload, ownership passes to this message
     */
    public RtmpMessage(int chunkStreamId, int typeId, long timestamp, int streamId, ByteBuf body) {
        super(body);
        this.chunkStreamId = chunkStreamId;
        this.typeId = typeId;
        this.timestamp = timestamp & 0xFFFF_FFFFL;
        this.streamId = streamId;
    }

    public int chunkStreamId() {
        return chunkStreamId;
    }

    public int typeId() {
        return typeId;
    }

    public long timestamp() {
        return timestamp;
    }

    public int streamId() {
        return streamId;
    }

    public ByteBuf body() {
        return content();
    }

    @Override
    public String toString() {
        return "RtmpMessage[csid=" + chunkStreamId + ", type=" + typeId + ", ts=" + timestamp + ", sid=" + streamId
                + ", len=" + content().readableBytes() + "]";
    }
}
