package io.livegate.rtmp.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.rtmp.chunk.RtmpProtocolException;
import io.livegate.rtmp.chunk.RtmpProtocolException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtmpHandshakeHandlerTest {

    private static final int N = HandshakeDigest.BLOCK;

    private static byte[] c1(boolean digest, int scheme) {
        byte[] c1 = new byte[N];
        new Random(42 + scheme).nextBytes(c1);
        Arrays.fill(c1, 0, 4, (byte) 0);
        if (!digest) {
            Arrays.fill(c1, 4, 8, (byte) 0);
            return c1;
        }
        c1[4] = (byte) 0x80; // 128.0.7.2, what ffmpeg sends
        c1[5] = 0;
        c1[6] = 7;
        c1[7] = 2;
        HandshakeDigest.sign(c1, scheme, HandshakeDigest.PLAYER_KEY);
        return c1;
    }

    private static byte[] readAll(EmbeddedChannel ch) {
        ByteBuf out = Unpooled.buffer();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.writeBytes(b);
            b.release();
        }
        byte[] r = ByteBufUtil.getBytes(out);
        out.release();
        return r;
    }

    @Test
    void simpleHandshakeEchoesC1AndRemovesItself() {
        RtmpHandshakeHandler h = new RtmpHandshakeHandler();
        EmbeddedChannel ch = new EmbeddedChannel(h);
        byte[] c1 = c1(false, 0);
        ByteBuf in = Unpooled.buffer().writeByte(3).writeBytes(c1);
        // C0+C1 split across two reads
        ch.writeInbound(in.readRetainedSlice(700));
        assertThat(readAll(ch)).isEmpty();
        ch.writeInbound(in);
        byte[] s = readAll(ch);
        assertThat(s).hasSize(1 + 2 * N);
        assertThat(s[0]).isEqualTo((byte) 3);
        byte[] s2 = Arrays.copyOfRange(s, 1 + N, 1 + 2 * N);
        assertThat(Arrays.copyOfRange(s2, 0, 4)).isEqualTo(Arrays.copyOfRange(c1, 0, 4));
        assertThat(Arrays.copyOfRange(s2, 8, N)).isEqualTo(Arrays.copyOfRange(c1, 8, N));
        assertThat(h.usedDigest()).isFalse();

        // C2 followed by the first chunk bytes: those go on down the pipeline.
        ch.writeInbound(Unpooled.buffer().writeBytes(new byte[N]).writeBytes(new byte[] {1, 2, 3}));
        assertThat(ch.pipeline().get(RtmpHandshakeHandler.class)).isNull();
        ByteBuf rest = ch.readInbound();
        assertThat(ByteBufUtil.getBytes(rest)).containsExactly(1, 2, 3);
        rest.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void digestHandshakeInBothSchemes() {
        for (int scheme = 0; scheme < 2; scheme++) {
            RtmpHandshakeHandler h = new RtmpHandshakeHandler();
            EmbeddedChannel ch = new EmbeddedChannel(h);
            byte[] c1 = c1(true, scheme);
            ch.writeInbound(Unpooled.buffer().writeByte(3).writeBytes(c1));
            byte[] s = readAll(ch);
            assertThat(h.usedDigest()).isTrue();
            byte[] s1 = Arrays.copyOfRange(s, 1, 1 + N);
            byte[] s2 = Arrays.copyOfRange(s, 1 + N, 1 + 2 * N);
            // S1 carries a server digest at the client's scheme, S2 is signed with the client's digest.
            assertThat(HandshakeDigest.findScheme(s1, HandshakeDigest.SERVER_KEY)).isEqualTo(scheme);
            int off = HandshakeDigest.digestOffset(c1, scheme);
            byte[] expected = s2.clone();
            HandshakeDigest.signResponse(expected, Arrays.copyOfRange(c1, off, off + 32),
                    HandshakeDigest.SERVER_KEY_FULL);
            assertThat(s2).isEqualTo(expected);
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[N]));
            assertThat(ch.pipeline().get(RtmpHandshakeHandler.class)).isNull();
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void nonZeroVersionWithoutValidDigestFallsBackToSimple() {
        RtmpHandshakeHandler h = new RtmpHandshakeHandler();
        EmbeddedChannel ch = new EmbeddedChannel(h);
        byte[] c1 = c1(false, 0);
        c1[4] = 9;
        ch.writeInbound(Unpooled.buffer().writeByte(3).writeBytes(c1));
        byte[] s = readAll(ch);
        assertThat(h.usedDigest()).isFalse();
        assertThat(Arrays.copyOfRange(s, 1 + N + 8, 1 + 2 * N)).isEqualTo(Arrays.copyOfRange(c1, 8, N));
        ch.finishAndReleaseAll();
    }

    @Test
    void garbageBeforeHandshakeClosesTheChannel() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtmpHandshakeHandler());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n", java.nio.charset.StandardCharsets.US_ASCII)))
                .isInstanceOf(RtmpProtocolException.class)
                .satisfies(e -> assertThat(((RtmpProtocolException) e).reason()).isEqualTo(Reason.BAD_HANDSHAKE));
        assertThat(ch.isOpen()).isFalse();
        assertThat(readAll(ch)).isEmpty();
    }

    @Test
    void rtmpeVersionIsRefused() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtmpHandshakeHandler());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.buffer().writeByte(6).writeBytes(new byte[N])))
                .isInstanceOf(RtmpProtocolException.class);
        assertThat(ch.isOpen()).isFalse();
    }
}
