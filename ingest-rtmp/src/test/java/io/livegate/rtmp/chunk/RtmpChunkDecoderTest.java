package io.livegate.rtmp.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.rtmp.chunk.RtmpProtocolException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RtmpChunkDecoderTest {

    private EmbeddedChannel ch = new EmbeddedChannel(new RtmpChunkDecoder(RtmpLimits.DEFAULTS));

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    /** Builds raw chunk bytes. */
    static final class Bytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes basic(int fmt, int csid) {
            if (csid < 64) {
                out.write(fmt << 6 | csid);
            } else if (csid < 320) {
                out.write(fmt << 6);
                out.write(csid - 64);
            } else {
                out.write(fmt << 6 | 1);
                out.write((csid - 64) & 0xFF);
                out.write((csid - 64) >> 8);
            }
            return this;
        }

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u24(long v) {
            out.write((int) (v >> 16));
            out.write((int) (v >> 8));
            out.write((int) v);
            return this;
        }

        Bytes u32(long v) {
            u8((int) (v >>> 24) & 0xFF);
            return u24(v & 0xFFFFFF);
        }

        Bytes u32le(int v) {
            out.write(v);
            out.write(v >> 8);
            out.write(v >> 16);
            out.write(v >> 24);
            return this;
        }

        Bytes type0(int csid, long ts, int len, int type, int sid) {
            basic(0, csid).u24(Math.min(ts, 0xFFFFFF)).u24(len).u8(type).u32le(sid);
            return ts >= 0xFFFFFF ? u32(ts) : this;
        }

        Bytes type1(int csid, long delta, int len, int type) {
            return basic(1, csid).u24(delta).u24(len).u8(type);
        }

        Bytes type2(int csid, long delta) {
            return basic(2, csid).u24(delta);
        }

        Bytes type3(int csid) {
            return basic(3, csid);
        }

        Bytes data(byte[] b, int off, int len) {
            out.write(b, off, len);
            return this;
        }

        ByteBuf buf() {
            return Unpooled.wrappedBuffer(out.toByteArray());
        }
    }

    static byte[] body(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private List<RtmpMessage> read() {
        List<RtmpMessage> out = new ArrayList<>();
        RtmpMessage m;
        while ((m = ch.readInbound()) != null) {
            out.add(m);
        }
        return out;
    }

    private static void assertMessage(RtmpMessage m, int csid, int type, long ts, int sid, byte[] body) {
        try {
            assertThat(m.chunkStreamId()).isEqualTo(csid);
            assertThat(m.typeId()).isEqualTo(type);
            assertThat(m.timestamp()).isEqualTo(ts);
            assertThat(m.streamId()).isEqualTo(sid);
            assertThat(ByteBufUtil.getBytes(m.body())).isEqualTo(body);
        } finally {
            m.release();
        }
    }

    @Test
    void type0SingleChunk() {
        byte[] b = body(100, 1);
        ch.writeInbound(new Bytes().type0(4, 1234, 100, RtmpMessageType.VIDEO, 1).data(b, 0, 100).buf());
        List<RtmpMessage> msgs = read();
        assertThat(msgs).hasSize(1);
        assertMessage(msgs.get(0), 4, RtmpMessageType.VIDEO, 1234, 1, b);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void messageSpanningChunksWithType3Continuations() {
        byte[] b = body(300, 2);
        ch.writeInbound(new Bytes().type0(6, 10, 300, RtmpMessageType.AUDIO, 1).data(b, 0, 128)
                .type3(6).data(b, 128, 128).type3(6).data(b, 256, 44).buf());
        List<RtmpMessage> msgs = read();
        assertThat(msgs).hasSize(1);
        assertMessage(msgs.get(0), 6, RtmpMessageType.AUDIO, 10, 1, b);
    }

    @Test
    void type1Type2AndType3NewMessageUseDeltas() {
        byte[] a = body(10, 1);
        byte[] b = body(20, 2);
        byte[] c = body(20, 3);
        byte[] d = body(20, 4);
        ch.writeInbound(new Bytes()
                .type0(4, 1000, 10, RtmpMessageType.AUDIO, 1).data(a, 0, 10)
                .type1(4, 23, 20, RtmpMessageType.VIDEO).data(b, 0, 20)
                .type2(4, 40).data(c, 0, 20)
                .type3(4).data(d, 0, 20).buf());
        List<RtmpMessage> msgs = read();
        assertThat(msgs).hasSize(4);
        assertMessage(msgs.get(0), 4, RtmpMessageType.AUDIO, 1000, 1, a);
        assertMessage(msgs.get(1), 4, RtmpMessageType.VIDEO, 1023, 1, b);
        assertMessage(msgs.get(2), 4, RtmpMessageType.VIDEO, 1063, 1, c);
        assertMessage(msgs.get(3), 4, RtmpMessageType.VIDEO, 1103, 1, d);
    }

    @Test
    void extendedTimestampRepeatedOnType3Chunks() {
        long ts = 0x1234_5678L;
        byte[] b = body(200, 5);
        ch.writeInbound(new Bytes().type0(4, ts, 200, RtmpMessageType.VIDEO, 1).data(b, 0, 128)
                .type3(4).u32(ts).data(b, 128, 72).buf());
        List<RtmpMessage> msgs = read();
        assertThat(msgs).hasSize(1);
        assertMessage(msgs.get(0), 4, RtmpMessageType.VIDEO, ts, 1, b);
    }

    @Test
    void extendedTimestampLeftOutOnContinuationIsTolerated() {
        long ts = 0x0100_0000L;
        byte[] b = body(200, 6);
        ch.writeInbound(new Bytes().type0(4, ts, 200, RtmpMessageType.VIDEO, 1).data(b, 0, 128)
                .type3(4).data(b, 128, 72).buf());
        List<RtmpMessage> msgs = read();
        assertThat(msgs).hasSize(1);
        assertMessage(msgs.get(0), 4, RtmpMessageType.VIDEO, ts, 1, b);
    }

    @Test
    void extendedTimestampOnType3StartingNewMessage() {
        byte[] a = body(10, 1);
        byte[] b = body(10, 2);
        // type 1 with an extended delta, then a type-3 new message: delta applies again and is repeated.
        ch.writeInbound(new Bytes().type0(4, 0, 10, RtmpMessageType.AUDIO, 1).data(a, 0, 10)
                .type1(4, 0xFFFFFF, 10, RtmpMessageType.AUDIO).u32(0x0200_0000L).data(a, 0, 10)
                .type3(4).u32(0x0200_0000L).data(b, 0, 10).buf());
        List<RtmpMessage> msgs = read();
        assertThat(msgs).hasSize(3);
        assertMessage(msgs.get(0), 4, RtmpMessageType.AUDIO, 0, 1, a);
        assertMessage(msgs.get(1), 4, RtmpMessageType.AUDIO, 0x0200_0000L, 1, a);
        assertMessage(msgs.get(2), 4, RtmpMessageType.AUDIO, 0x0400_0000L, 1, b);
    }

    @Test
    void twoAndThreeByteBasicHeaders() {
        byte[] a = body(5, 1);
        byte[] b = body(5, 2);
        ch.writeInbound(new Bytes().type0(100, 1, 5, RtmpMessageType.DATA_AMF0, 1).data(a, 0, 5)
                .type0(1000, 2, 5, RtmpMessageType.DATA_AMF0, 1).data(b, 0, 5).buf());
        List<RtmpMessage> msgs = read();
        assertThat(msgs).hasSize(2);
        assertMessage(msgs.get(0), 100, RtmpMessageType.DATA_AMF0, 1, 1, a);
        assertMessage(msgs.get(1), 1000, RtmpMessageType.DATA_AMF0, 2, 1, b);
    }

    @Test
    void interleavedChunkStreams() {
        byte[] v = body(200, 1);
        byte[] a = body(50, 2);
        ch.writeInbound(new Bytes().type0(6, 0, 200, RtmpMessageType.VIDEO, 1).data(v, 0, 128)
                .type0(4, 5, 50, RtmpMessageType.AUDIO, 1).data(a, 0, 50)
                .type3(6).data(v, 128, 72).buf());
        List<RtmpMessage> msgs = read();
        assertThat(msgs).hasSize(2);
        assertMessage(msgs.get(0), 4, RtmpMessageType.AUDIO, 5, 1, a);
        assertMessage(msgs.get(1), 6, RtmpMessageType.VIDEO, 0, 1, v);
    }

    @Test
    void setChunkSizeAppliesToFollowingChunks() {
        byte[] b = body(5000, 3);
        RtmpChunkDecoder decoder = ch.pipeline().get(RtmpChunkDecoder.class);
        ch.writeInbound(new Bytes().type0(2, 0, 4, RtmpMessageType.SET_CHUNK_SIZE, 0).u32(4096)
                .type0(6, 0, 5000, RtmpMessageType.VIDEO, 1).data(b, 0, 4096).type3(6).data(b, 4096, 904).buf());
        assertThat(decoder.chunkSize()).isEqualTo(4096);
        List<RtmpMessage> msgs = read();
        assertThat(msgs).hasSize(1);
        assertMessage(msgs.get(0), 6, RtmpMessageType.VIDEO, 0, 1, b);
    }

    @Test
    void maximumChunkSizeIsAcceptedWithoutAllocatingIt() {
        byte[] b = body(100_000, 4);
        ch.writeInbound(new Bytes().type0(2, 0, 4, RtmpMessageType.SET_CHUNK_SIZE, 0).u32(0x7FFF_FFFF)
                .type0(6, 0, b.length, RtmpMessageType.VIDEO, 1).data(b, 0, b.length).buf());
        List<RtmpMessage> msgs = read();
        assertThat(msgs).hasSize(1);
        assertMessage(msgs.get(0), 6, RtmpMessageType.VIDEO, 0, 1, b);
    }

    @Test
    void abortDropsThePartialMessage() {
        byte[] b = body(300, 3);
        byte[] c = body(10, 4);
        ch.writeInbound(new Bytes().type0(6, 0, 300, RtmpMessageType.VIDEO, 1).data(b, 0, 128)
                .type0(2, 0, 4, RtmpMessageType.ABORT, 0).u32(6)
                .type0(6, 40, 10, RtmpMessageType.VIDEO, 1).data(c, 0, 10).buf());
        List<RtmpMessage> msgs = read();
        assertThat(msgs).hasSize(1);
        assertMessage(msgs.get(0), 6, RtmpMessageType.VIDEO, 40, 1, c);
    }

    @Test
    void acknowledgementsFollowTheWindow() {
        byte[] b = body(100, 1);
        ch.writeInbound(new Bytes().type0(2, 0, 4, RtmpMessageType.WINDOW_ACK_SIZE, 0).u32(250).buf());
        assertThat((Object) ch.readOutbound()).isNull();
        long sent = 16;
        for (int i = 0; i < 3; i++) {
            ch.writeInbound(new Bytes().type0(6, i, 100, RtmpMessageType.VIDEO, 1).data(b, 0, 100).buf());
            sent += 112;
        }
        RtmpMessage ack = ch.readOutbound();
        assertThat(ack).isNotNull();
        assertThat(ack.typeId()).isEqualTo(RtmpMessageType.ACKNOWLEDGEMENT);
        assertThat(ack.body().getInt(0)).isEqualTo((int) sent);
        ack.release();
        assertThat((Object) ch.readOutbound()).isNull();
        read().forEach(RtmpMessage::release);
    }

    @Test
    void pingRequestIsAnswered() {
        ch.writeInbound(new Bytes().type0(2, 0, 6, RtmpMessageType.USER_CONTROL, 0).u8(0).u8(6).u32(0xCAFE).buf());
        RtmpMessage pong = ch.readOutbound();
        assertThat(pong.typeId()).isEqualTo(RtmpMessageType.USER_CONTROL);
        assertThat(pong.body().getShort(0)).isEqualTo((short) RtmpControl.EVENT_PING_RESPONSE);
        assertThat(pong.body().getInt(2)).isEqualTo(0xCAFE);
        pong.release();
        assertThat(read()).isEmpty();
    }

    @Test
    void controlMessagesThatNeedNoActionAreConsumed() {
        ch.writeInbound(new Bytes().type0(2, 0, 4, RtmpMessageType.ACKNOWLEDGEMENT, 0).u32(100)
                .type0(2, 0, 5, RtmpMessageType.SET_PEER_BANDWIDTH, 0).u32(100).u8(2).buf());
        assertThat(read()).isEmpty();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void byteByByteFeedingGivesTheSameMessages() {
        byte[] b = body(1000, 9);
        ByteBuf all = new Bytes().type0(2, 0, 4, RtmpMessageType.SET_CHUNK_SIZE, 0).u32(300)
                .type0(70, 0x0100_0000L, 1000, RtmpMessageType.VIDEO, 1).data(b, 0, 300)
                .type3(70).u32(0x0100_0000L).data(b, 300, 300).type3(70).u32(0x0100_0000L).data(b, 600, 300)
                .type3(70).u32(0x0100_0000L).data(b, 900, 100).buf();
        while (all.isReadable()) {
            ch.writeInbound(all.readRetainedSlice(1));
        }
        all.release();
        List<RtmpMessage> msgs = read();
        assertThat(msgs).hasSize(1);
        assertMessage(msgs.get(0), 70, RtmpMessageType.VIDEO, 0x0100_0000L, 1, b);
    }

    @Test
    void encoderOutputDecodesToTheSameMessages() {
        EmbeddedChannel enc = new EmbeddedChannel(new RtmpChunkEncoder());
        List<RtmpMessage> sent = List.of(
                RtmpControl.setChunkSize(1000),
                new RtmpMessage(3, RtmpMessageType.COMMAND_AMF0, 0, 0, Unpooled.wrappedBuffer(body(50, 1))),
                new RtmpMessage(6, RtmpMessageType.VIDEO, 0x0200_0000L, 1, Unpooled.wrappedBuffer(body(4000, 2))),
                new RtmpMessage(400, RtmpMessageType.AUDIO, 77, 1, Unpooled.wrappedBuffer(body(0, 3))),
                new RtmpMessage(65, RtmpMessageType.AUDIO, 0xFFFFFF, 1, Unpooled.wrappedBuffer(body(2500, 4))));
        List<byte[]> bodies = sent.stream().map(m -> ByteBufUtil.getBytes(m.body())).toList();
        for (RtmpMessage m : sent) {
            enc.writeOutbound(m.retain());
        }
        ByteBuf wire;
        while ((wire = enc.readOutbound()) != null) {
            ch.writeInbound(wire);
        }
        List<RtmpMessage> got = read();
        assertThat(got).hasSize(4); // the Set Chunk Size is consumed
        for (int i = 1; i < sent.size(); i++) {
            RtmpMessage s = sent.get(i);
            assertMessage(got.get(i - 1), s.chunkStreamId(), s.typeId(), s.timestamp(), s.streamId(), bodies.get(i));
        }
        sent.forEach(RtmpMessage::release);
        assertThat(enc.finish()).isFalse();
    }

    // ---- bad input: each closes the channel with a named reason ----

    private void assertFails(ByteBuf bytes, Reason reason) {
        assertThatThrownBy(() -> ch.writeInbound(bytes))
                .isInstanceOf(RtmpProtocolException.class)
                .satisfies(e -> assertThat(((RtmpProtocolException) e).reason()).isEqualTo(reason));
        assertThat(ch.isOpen()).isFalse();
        read().forEach(RtmpMessage::release);
    }

    @Test
    void unknownMessageTypeFails() {
        assertFails(new Bytes().type0(3, 0, 4, 99, 0).u32(0).buf(), Reason.UNKNOWN_MESSAGE_TYPE);
    }

    @Test
    void messageLongerThanLimitFails() {
        assertFails(new Bytes().type0(6, 0, RtmpLimits.DEFAULT_MAX_MESSAGE_SIZE + 1, RtmpMessageType.VIDEO, 1).buf(),
                Reason.MESSAGE_TOO_LARGE);
    }

    @Test
    void chunkSizeZeroFails() {
        assertFails(new Bytes().type0(2, 0, 4, RtmpMessageType.SET_CHUNK_SIZE, 0).u32(0).buf(),
                Reason.CHUNK_SIZE_TOO_LARGE);
    }

    @Test
    void chunkSizeWithTopBitFails() {
        assertFails(new Bytes().type0(2, 0, 4, RtmpMessageType.SET_CHUNK_SIZE, 0).u32(0x8000_0000L).buf(),
                Reason.CHUNK_SIZE_TOO_LARGE);
    }

    @Test
    void chunkSizeAboveConfiguredLimitFails() {
        ch = new EmbeddedChannel(new RtmpChunkDecoder(new RtmpLimits(65536, RtmpLimits.DEFAULT_MAX_MESSAGE_SIZE,
                64, RtmpLimits.DEFAULT_MAX_BUFFERED_BYTES, 16, 4096, 65535, 16, 1 << 20, 10)));
        assertFails(new Bytes().type0(2, 0, 4, RtmpMessageType.SET_CHUNK_SIZE, 0).u32(65537).buf(),
                Reason.CHUNK_SIZE_TOO_LARGE);
    }

    @Test
    void shortControlBodyFails() {
        assertFails(new Bytes().type0(2, 0, 2, RtmpMessageType.SET_CHUNK_SIZE, 0).u8(0).u8(1).buf(),
                Reason.BAD_CONTROL_MESSAGE);
    }

    @Test
    void continuationHeaderOnFreshChunkStreamFails() {
        assertFails(new Bytes().type3(9).u32(0).buf(), Reason.HEADER_WITHOUT_CONTEXT);
    }

    @Test
    void type1OnFreshChunkStreamFails() {
        assertFails(new Bytes().type1(9, 0, 4, RtmpMessageType.AUDIO).buf(), Reason.HEADER_WITHOUT_CONTEXT);
    }

    @Test
    void newHeaderInsideMessageFails() {
        byte[] b = body(300, 1);
        assertFails(new Bytes().type0(6, 0, 300, RtmpMessageType.VIDEO, 1).data(b, 0, 128)
                .type0(6, 0, 300, RtmpMessageType.VIDEO, 1).buf(), Reason.HEADER_INSIDE_MESSAGE);
    }

    @Test
    void tooManyChunkStreamsFails() {
        Bytes bytes = new Bytes();
        for (int csid = 3; csid < 3 + RtmpLimits.DEFAULT_MAX_CHUNK_STREAMS + 1; csid++) {
            bytes.type0(csid, 0, 1, RtmpMessageType.AUDIO, 1).u8(0xAF);
        }
        assertFails(bytes.buf(), Reason.TOO_MANY_CHUNK_STREAMS);
    }

    @Test
    void tooMuchBufferedAcrossChunkStreamsFails() {
        Bytes bytes = new Bytes();
        int len = RtmpLimits.DEFAULT_MAX_MESSAGE_SIZE;
        for (int csid = 3; csid < 6; csid++) {
            bytes.type0(csid, 0, len, RtmpMessageType.VIDEO, 1).data(new byte[128], 0, 128);
        }
        assertFails(bytes.buf(), Reason.TOO_MUCH_BUFFERED);
    }

    /** Only {@link RtmpProtocolException} may escape; every emitted body is released (paranoid leak detection). */
    @FuzzTest(maxDuration = "10s")
    void fuzzDecode(byte[] data) {
        EmbeddedChannel c = new EmbeddedChannel(new RtmpChunkDecoder(new RtmpLimits(RtmpLimits.DEFAULT_MAX_CHUNK_SIZE,
                64 * 1024, 8, 128 * 1024, 16, 4096, 65535, 16, 1 << 20, 10)));
        try {
            // two writes, so state carried across reads is exercised too
            int half = data.length / 2;
            c.writeInbound(Unpooled.wrappedBuffer(data, 0, half));
            c.writeInbound(Unpooled.wrappedBuffer(data, half, data.length - half));
        } catch (RtmpProtocolException expected) {
            assertThat(c.isOpen()).isFalse();
        } finally {
            c.finishAndReleaseAll();
        }
    }
}
