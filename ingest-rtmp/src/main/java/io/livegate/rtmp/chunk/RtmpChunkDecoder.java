package io.livegate.rtmp.chunk;

import io.livegate.rtmp.chunk.RtmpProtocolException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reassembles RTMP chunks (RTMP 1.0 5.3) into {@link RtmpMessage}s with retained bodies.
 *
 * <p>Protocol control messages are consumed here because they change how the following bytes are cut: Set
 * Chunk Size, Abort, Window Acknowledgement Size (after which this decoder sends Acknowledgements), Set Peer
 * Bandwidth and Acknowledgement (ignored), and User Control Ping Request (answered). Everything else goes on.
 *
 * <p>Bounds ({@link RtmpLimits}): message length, number of chunk streams, the sum of partially assembled
 * messages, and the chunk size. A partial message grows as bytes arrive, so a declared length costs nothing
 * until the bytes are really sent. On any violation the channel is closed and an {@link RtmpProtocolException}
 * is thrown; the decoder then swallows further input.
 */
public final class RtmpChunkDecoder extends ByteToMessageDecoder {

    /** What the decoder reads next. */
    private enum State {
        READ_CHUNK_HEADER,
        READ_CHUNK_PAYLOAD,
        BAD_MESSAGE
    }

    private static final int[] MESSAGE_HEADER_SIZE = {11, 7, 3, 0};
    private static final int EXTENDED = 0xFF_FFFF;
    /** First allocation for a message body; it grows only as bytes arrive. */
    private static final int INITIAL_BODY_CAPACITY = 4096;

    /** Per chunk stream id: the header fields later chunks inherit, and the message being assembled. */
    private static final class ChunkStream {
        long timestamp;
        long timestampDelta;
        int length;
        int typeId;
        int streamId;
        boolean extended;
        long extendedField;
        ByteBuf partial;
    }

    private final RtmpLimits limits;
    private final Map<Integer, ChunkStream> streams = new HashMap<>();
    private State state = State.READ_CHUNK_HEADER;
    private int chunkSize = 128;
    private ChunkStream current;
    private int currentCsid;
    private int chunkRemaining;
    private long buffered;
    private long bytesIn;
    private long lastAckAt;
    private long ackWindow;

    public RtmpChunkDecoder(RtmpLimits limits) {
        this.limits = limits;
    }

    /** Bytes received since this decoder was added (for metrics and Acknowledgements). */
    public long bytesIn() {
        return bytesIn;
    }

    /** The chunk size the peer currently uses. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf) {
            bytesIn += buf.readableBytes();
        }
        super.channelRead(ctx, msg);
        if (ackWindow > 0 && bytesIn - lastAckAt >= ackWindow && ctx.channel().isActive()) {
            lastAckAt = bytesIn;
            ctx.writeAndFlush(RtmpControl.acknowledgement(bytesIn));
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.BAD_MESSAGE) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (true) {
                if (state == State.READ_CHUNK_HEADER) {
                    if (!readHeader(ctx, in)) {
                        return;
                    }
                    state = State.READ_CHUNK_PAYLOAD;
                }
                int n = Math.min(chunkRemaining, in.readableBytes());
                if (n > 0) {
                    current.partial.writeBytes(in, n);
                    chunkRemaining -= n;
                }
                if (chunkRemaining > 0) {
                    return;
                }
                state = State.READ_CHUNK_HEADER;
                if (current.partial.readableBytes() == current.length) {
                    complete(ctx, out);
                }
            }
        } catch (RtmpProtocolException e) {
            state = State.BAD_MESSAGE;
            in.skipBytes(in.readableBytes());
            ctx.close();
            throw e;
        }
    }

    /** Parses one chunk header if all of it is there; consumes nothing otherwise. */
    private boolean readHeader(ChannelHandlerContext ctx, ByteBuf in) {
        int r = in.readerIndex();
        int end = in.writerIndex();
        if (end - r < 1) {
            return false;
        }
        int b0 = in.getUnsignedByte(r);
        int fmt = b0 >>> 6;
        int csid = b0 & 0x3F;
        int pos = r + 1;
        if (csid == 0) {
            if (end - pos < 1) {
                return false;
            }
            csid = 64 + in.getUnsignedByte(pos);
            pos += 1;
        } else if (csid == 1) {
            if (end - pos < 2) {
                return false;
            }
            csid = 64 + in.getUnsignedByte(pos) + in.getUnsignedByte(pos + 1) * 256;
            pos += 2;
        }
        if (end - pos < MESSAGE_HEADER_SIZE[fmt]) {
            return false;
        }
        ChunkStream cs = streams.get(csid);
        if (cs == null && fmt != 0) {
            throw new RtmpProtocolException(Reason.HEADER_WITHOUT_CONTEXT,
                    "chunk type " + fmt + " on new chunk stream " + csid);
        }
        boolean inMessage = cs != null && cs.partial != null;
        if (inMessage && fmt != 3) {
            throw new RtmpProtocolException(Reason.HEADER_INSIDE_MESSAGE,
                    "chunk type " + fmt + " on chunk stream " + csid + " before its message of " + cs.length
                            + " bytes was complete (" + cs.partial.readableBytes() + " read)");
        }
        long tsField = 0;
        int length = 0;
        int typeId = 0;
        int streamId = 0;
        if (fmt <= 2) {
            tsField = in.getUnsignedMedium(pos);
        }
        if (fmt <= 1) {
            length = in.getUnsignedMedium(pos + 3);
            typeId = in.getUnsignedByte(pos + 6);
        }
        if (fmt == 0) {
            streamId = in.getIntLE(pos + 7);
        }
        pos += MESSAGE_HEADER_SIZE[fmt];
        boolean extended;
        if (fmt <= 2) {
            extended = tsField == EXTENDED;
            if (extended) {
                if (end - pos < 4) {
                    return false;
                }
                tsField = in.getUnsignedInt(pos);
                pos += 4;
            }
        } else {
            extended = cs.extended;
            if (extended) {
                // RTMP 1.0 5.3.1.3: type-3 chunks repeat the extended timestamp. Some old encoders leave it out
                // on continuation chunks; inside a message, take the 4 bytes only when they repeat the value.
                if (end - pos < 4) {
                    return false;
                }
                long v = in.getUnsignedInt(pos);
                if (!inMessage || v == cs.extendedField) {
                    pos += 4;
                    if (!inMessage) {
                        cs.extendedField = v;
                    }
                }
            }
        }
        if (fmt <= 1) {
            if (!RtmpMessageType.isKnown(typeId)) {
                throw new RtmpProtocolException(Reason.UNKNOWN_MESSAGE_TYPE,
                        "message type " + typeId + " on chunk stream " + csid);
            }
            if (length > limits.maxMessageSize()) {
                throw new RtmpProtocolException(Reason.MESSAGE_TOO_LARGE,
                        "message length " + length + " > limit " + limits.maxMessageSize());
            }
        }
        if (cs == null) {
            if (streams.size() >= limits.maxChunkStreams()) {
                throw new RtmpProtocolException(Reason.TOO_MANY_CHUNK_STREAMS,
                        "chunk stream " + csid + " would be number " + (streams.size() + 1) + " > limit "
                                + limits.maxChunkStreams());
            }
            cs = new ChunkStream();
            streams.put(csid, cs);
        }
        switch (fmt) {
            case 0 -> {
                cs.timestamp = tsField;
                cs.timestampDelta = tsField;
                cs.length = length;
                cs.typeId = typeId;
                cs.streamId = streamId;
            }
            case 1 -> {
                cs.timestamp += tsField;
                cs.timestampDelta = tsField;
                cs.length = length;
                cs.typeId = typeId;
            }
            case 2 -> {
                cs.timestamp += tsField;
                cs.timestampDelta = tsField;
            }
            default -> {
                if (!inMessage) {
                    cs.timestamp += cs.timestampDelta;
                }
            }
        }
        cs.timestamp &= 0xFFFF_FFFFL;
        if (fmt <= 2) {
            cs.extended = extended;
            cs.extendedField = extended ? tsField : 0;
        }
        in.readerIndex(pos);
        if (!inMessage) {
            if (buffered + cs.length > limits.maxBufferedBytes()) {
                throw new RtmpProtocolException(Reason.TOO_MUCH_BUFFERED, "assembling " + (buffered + cs.length)
                        + " bytes > limit " + limits.maxBufferedBytes());
            }
            buffered += cs.length;
            // Heap: the body is read as a byte array next (AMF, FLV), so this saves a copy.
            cs.partial = ctx.alloc().heapBuffer(Math.min(cs.length, INITIAL_BODY_CAPACITY), Math.max(cs.length, 1));
        }
        current = cs;
        currentCsid = csid;
        chunkRemaining = Math.min(chunkSize, cs.length - cs.partial.readableBytes());
        return true;
    }

    private void complete(ChannelHandlerContext ctx, List<Object> out) {
        ChunkStream cs = current;
        ByteBuf body = cs.partial;
        cs.partial = null;
        buffered -= cs.length;
        switch (cs.typeId) {
            case RtmpMessageType.SET_CHUNK_SIZE -> {
                int size = controlInt(body, "Set Chunk Size");
                if (size <= 0 || size > limits.maxChunkSize()) {
                    throw new RtmpProtocolException(Reason.CHUNK_SIZE_TOO_LARGE,
                            "chunk size " + Integer.toUnsignedString(size) + " not in 1.." + limits.maxChunkSize());
                }
                chunkSize = size;
            }
            case RtmpMessageType.ABORT -> abort(controlInt(body, "Abort"));
            case RtmpMessageType.WINDOW_ACK_SIZE -> ackWindow = controlInt(body, "Window Acknowledgement Size")
                    & 0xFFFF_FFFFL;
            case RtmpMessageType.ACKNOWLEDGEMENT, RtmpMessageType.SET_PEER_BANDWIDTH,
                 RtmpMessageType.SHARED_OBJECT_AMF0, RtmpMessageType.SHARED_OBJECT_AMF3 -> body.release();
            case RtmpMessageType.USER_CONTROL -> userControl(ctx, body);
            default -> out.add(new RtmpMessage(currentCsid, cs.typeId, cs.timestamp, cs.streamId, body));
        }
    }

    private static int controlInt(ByteBuf body, String what) {
        try {
            if (body.readableBytes() < 4) {
                throw new RtmpProtocolException(Reason.BAD_CONTROL_MESSAGE,
                        what + " body of " + body.readableBytes() + " bytes < 4");
            }
            return body.getInt(body.readerIndex());
        } finally {
            body.release();
        }
    }

    private void abort(int csid) {
        ChunkStream cs = streams.get(csid);
        if (cs != null && cs.partial != null) {
            buffered -= cs.length;
            cs.partial.release();
            cs.partial = null;
        }
    }

    private static void userControl(ChannelHandlerContext ctx, ByteBuf body) {
        try {
            if (body.readableBytes() < 2) {
                throw new RtmpProtocolException(Reason.BAD_CONTROL_MESSAGE,
                        "User Control body of " + body.readableBytes() + " bytes < 2");
            }
            int event = body.getUnsignedShort(body.readerIndex());
            if (event == RtmpControl.EVENT_PING_REQUEST && body.readableBytes() >= 6) {
                ctx.writeAndFlush(RtmpControl.userControl(RtmpControl.EVENT_PING_RESPONSE,
                        body.getInt(body.readerIndex() + 2)));
            }
        } finally {
            body.release();
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        for (ChunkStream cs : streams.values()) {
            if (cs.partial != null) {
                cs.partial.release();
                cs.partial = null;
            }
        }
        streams.clear();
        buffered = 0;
    }
}
