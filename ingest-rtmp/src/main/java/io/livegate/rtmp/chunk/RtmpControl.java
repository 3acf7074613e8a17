package io.livegate.rtmp.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Protocol control (RTMP 1.0 5.4) and User Control (7.1.7) messages the server sends. */
public final class RtmpControl {
    /** Chunk stream id reserved for protocol control messages. */
    public static final int CONTROL_CSID = 2;

    public static final int EVENT_STREAM_BEGIN = 0;
    public static final int EVENT_STREAM_EOF = 1;
    public static final int EVENT_PING_REQUEST = 6;
    public static final int EVENT_PING_RESPONSE = 7;

    /** Set Peer Bandwidth limit type "dynamic". */
    public static final int BANDWIDTH_DYNAMIC = 2;

    private RtmpControl() {
    }

    public static RtmpMessage setChunkSize(int size) {
        return control(RtmpMessageType.SET_CHUNK_SIZE, Unpooled.buffer(4).writeInt(size));
    }

    public static RtmpMessage windowAckSize(int size) {
        return control(RtmpMessageType.WINDOW_ACK_SIZE, Unpooled.buffer(4).writeInt(size));
    }

    public static RtmpMessage setPeerBandwidth(int size, int limitType) {
        return control(RtmpMessageType.SET_PEER_BANDWIDTH, Unpooled.buffer(5).writeInt(size).writeByte(limitType));
    }

    public static RtmpMessage acknowledgement(long sequence) {
        return control(RtmpMessageType.ACKNOWLEDGEMENT, Unpooled.buffer(4).writeInt((int) sequence));
    }

    public static RtmpMessage abort(int chunkStreamId) {
        return control(RtmpMessageType.ABORT, Unpooled.buffer(4).writeInt(chunkStreamId));
    }

    public static RtmpMessage userControl(int event, int value) {
        return control(RtmpMessageType.USER_CONTROL, Unpooled.buffer(6).writeShort(event).writeInt(value));
    }

    private static RtmpMessage control(int type, ByteBuf body) {
        return new RtmpMessage(CONTROL_CSID, type, 0, 0, body);
    }
}
