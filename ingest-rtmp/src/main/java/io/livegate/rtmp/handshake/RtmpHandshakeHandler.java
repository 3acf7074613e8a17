package io.livegate.rtmp.handshake;

import io.livegate.rtmp.chunk.RtmpProtocolException;
import io.livegate.rtmp.chunk.RtmpProtocolException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The server side of the RTMP handshake (RTMP 1.0 5.2, plus the Flash digest variant). On C0+C1 it answers
 * S0+S1+S2 at once (what encoders expect: some wait for S2 before sending C2), then waits for C2 and removes
 * itself; bytes after C2 flow on to the chunk decoder.
 *
 * <p>If C1 carries a valid Flash Player digest (either scheme), S1 and S2 are signed as a Flash Media Server
 * would; otherwise S2 echoes C1 (the simple handshake). C2 is read but not verified: many encoders send
 * arbitrary bytes there. Anything but version 3 in C0 fails the session.
 */
public final class RtmpHandshakeHandler extends ByteToMessageDecoder {

    /** What the handshake reads next. */
    private enum State {
        READ_C0_C1,
        READ_C2,
        DONE,
        BAD_MESSAGE
    }

    private static final int VERSION = 3;
    /** The FMS version we announce in a digest S1 (any non-zero value marks the digest format). */
    private static final byte[] SERVER_VERSION = {4, 5, 0, 1};

    private State state = State.READ_C0_C1;
    private boolean digest;

    /** True once the peer used the digest handshake (for logs and tests). */
    public boolean usedDigest() {
        return digest;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case READ_C0_C1 -> {
                if (in.readableBytes() < 1) {
                    return;
                }
                int version = in.getUnsignedByte(in.readerIndex());
                if (version != VERSION) {
                    fail(ctx, in, "C0 version " + version + " (expected 3; 6 would be RTMPE, not supported)");
                    return;
                }
                if (in.readableBytes() < 1 + HandshakeDigest.BLOCK) {
                    return;
                }
                in.skipBytes(1);
                byte[] c1 = new byte[HandshakeDigest.BLOCK];
                in.readBytes(c1);
                ByteBuf reply = ctx.alloc().buffer(1 + 2 * HandshakeDigest.BLOCK);
                reply.writeByte(VERSION);
                reply.writeBytes(s1AndS2(c1));
                ctx.writeAndFlush(reply);
                state = State.READ_C2;
            }
            case READ_C2 -> {
                if (in.readableBytes() < HandshakeDigest.BLOCK) {
                    return;
                }
                in.skipBytes(HandshakeDigest.BLOCK);
                state = State.DONE;
                ctx.pipeline().remove(this);
            }
            default -> in.skipBytes(in.readableBytes());
        }
    }

    private byte[] s1AndS2(byte[] c1) {
        byte[] s1 = new byte[HandshakeDigest.BLOCK];
        byte[] s2 = new byte[HandshakeDigest.BLOCK];
        ThreadLocalRandom.current().nextBytes(s1);
        ThreadLocalRandom.current().nextBytes(s2);
        int c1Version = c1[4] | c1[5] | c1[6] | c1[7];
        int scheme = c1Version == 0 ? -1 : HandshakeDigest.findScheme(c1, HandshakeDigest.PLAYER_KEY);
        int time = (int) (System.nanoTime() / 1_000_000);
        s1[0] = (byte) (time >>> 24);
        s1[1] = (byte) (time >>> 16);
        s1[2] = (byte) (time >>> 8);
        s1[3] = (byte) time;
        if (scheme < 0) {
            Arrays.fill(s1, 4, 8, (byte) 0);
            // Simple handshake: S2 echoes C1 (time, time2 = our read time, random echo).
            System.arraycopy(c1, 0, s2, 0, HandshakeDigest.BLOCK);
            System.arraycopy(s1, 0, s2, 4, 4);
        } else {
            digest = true;
            System.arraycopy(SERVER_VERSION, 0, s1, 4, 4);
            HandshakeDigest.sign(s1, scheme, HandshakeDigest.SERVER_KEY);
            int off = HandshakeDigest.digestOffset(c1, scheme);
            byte[] clientDigest = Arrays.copyOfRange(c1, off, off + HandshakeDigest.DIGEST);
            HandshakeDigest.signResponse(s2, clientDigest, HandshakeDigest.SERVER_KEY_FULL);
        }
        byte[] both = new byte[2 * HandshakeDigest.BLOCK];
        System.arraycopy(s1, 0, both, 0, HandshakeDigest.BLOCK);
        System.arraycopy(s2, 0, both, HandshakeDigest.BLOCK, HandshakeDigest.BLOCK);
        return both;
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String message) {
        state = State.BAD_MESSAGE;
        in.skipBytes(in.readableBytes());
        ctx.close();
        throw new RtmpProtocolException(Reason.BAD_HANDSHAKE, message);
    }
}
