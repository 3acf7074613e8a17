package io.livegate.rtmp.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Cuts outgoing {@link RtmpMessage}s into chunks (RTMP 1.0 5.3): a type-0 header on the first chunk, type-3
 * headers on the rest, extended timestamps (repeated on type-3 chunks) from 0xFFFFFF on. A Set Chunk Size
 * message passing through changes the chunk size for the messages after it.
 */
public final class RtmpChunkEncoder extends MessageToByteEncoder<RtmpMessage> {

    private int chunkSize = 128;

    public RtmpChunkEncoder() {
        super(RtmpMessage.class);
    }

    public int chunkSize() {
        return chunkSize;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RtmpMessage msg, ByteBuf out) {
        ByteBuf body = msg.body();
        int length = body.readableBytes();
        long ts = msg.timestamp();
        boolean extended = ts >= 0xFF_FFFF;
        int csid = msg.chunkStreamId();
        int offset = body.readerIndex();
        int written = 0;
        boolean first = true;
        do {
            writeBasicHeader(out, first ? 0 : 3, csid);
            if (first) {
                out.writeMedium(extended ? 0xFF_FFFF : (int) ts);
                out.writeMedium(length);
                out.writeByte(msg.typeId());
                out.writeIntLE(msg.streamId());
            }
            if (extended) {
                out.writeInt((int) ts);
            }
            int n = Math.min(chunkSize, length - written);
            out.writeBytes(body, offset + written, n);
            written += n;
            first = false;
        } while (written < length);
        if (msg.typeId() == RtmpMessageType.SET_CHUNK_SIZE && length >= 4) {
            chunkSize = body.getInt(offset) & 0x7FFF_FFFF;
        }
    }

    private static void writeBasicHeader(ByteBuf out, int fmt, int csid) {
        if (csid < 64) {
            out.writeByte(fmt << 6 | csid);
        } else if (csid < 320) {
            out.writeByte(fmt << 6);
            out.writeByte(csid - 64);
        } else {
            out.writeByte(fmt << 6 | 1);
            out.writeByte((csid - 64) & 0xFF);
            out.writeByte((csid - 64) >>> 8);
        }
    }
}
