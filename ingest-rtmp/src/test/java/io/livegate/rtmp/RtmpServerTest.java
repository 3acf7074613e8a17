package io.livegate.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.livegate.media.Codec;
import io.livegate.media.Frame;
import io.livegate.router.PublishHook;
import io.livegate.router.PublishHook.PublishDecision;
import io.livegate.router.PublishRequest;
import io.livegate.router.RouterConfig;
import io.livegate.router.StreamRouter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server on 127.0.0.1 driven by the test client: command flow, refusals, timeouts, reconnects. */
class RtmpServerTest {

    /** An AVC sequence header from x264 (64x64 baseline), and short keyframe/inter tags. */
    static final byte[] AVC_SEQ = hex("17 00 000000 0142c00affe1 0016 6742c00ada109b0110000003001000000303c0f1226a"
            + "01 0004 68ce0fc8");
    static final byte[] AVC_KEY = hex("17 01 000000 00000005 6588840021");
    static final byte[] AVC_INTER = hex("27 01 000000 00000005 419a1c0c0b");
    static final byte[] AAC_SEQ = hex("af 00 1190");
    static final byte[] AAC_RAW = hex("af 01 21100460");

    private EventLoopGroup group;
    private ExecutorService executor;
    private StreamRouter router;
    private SubscribingRegistry registry;
    private RtmpServer server;
    private final List<PublishRequest> requests = new CopyOnWriteArrayList<>();

    static byte[] hex(String s) {
        return io.netty.buffer.ByteBufUtil.decodeHexDump(s.replace(" ", ""));
    }

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        executor = Executors.newSingleThreadExecutor();
    }

    private void start(RtmpConfig config, PublishHook hook) {
        router = new StreamRouter(new RouterConfig(Duration.ofSeconds(5), false, 1200, 32L << 20,
                Duration.ofMillis(500), Duration.ofSeconds(10)), request -> {
            requests.add(request);
            return hook.check(request);
        });
        registry = new SubscribingRegistry(router, executor);
        server = new RtmpServer(config.withPorts(0, 0), registry, group);
        server.start();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        if (router != null) {
            router.close();
        }
        executor.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void drain() throws Exception {
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void publishWithQueryStringAndLegacyTags() throws Exception {
        start(RtmpConfig.DEFAULTS, PublishHook.ALLOW_ALL);
        try (TestRtmpClient c = new TestRtmpClient(server.port())) {
            c.handshake();
            assertThat(c.publish("live", "cam1?key=abc&x=%20y")).isEqualTo("NetStream.Publish.Start");
            c.video(0, AVC_SEQ);
            c.audio(0, AAC_SEQ);
            c.video(0, AVC_KEY);
            c.audio(23, AAC_RAW);
            c.video(33, AVC_INTER);
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.subscribers.containsKey("live/cam1")
                    && registry.subscribers.get("live/cam1").frames.size() == 3);
            List<RtmpSessionInfo> infos = server.sessions();
            assertThat(infos).singleElement().satisfies(s -> {
                assertThat(s.path()).isEqualTo("live/cam1");
                assertThat(s.flashVer()).isEqualTo("FMLE/3.0 (compatible; test)");
                assertThat(s.invalidTags()).isZero();
            });
        }
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("live/cam1");
            assertThat(r.protocol()).isEqualTo("rtmp");
            assertThat(r.query()).containsEntry("key", "abc").containsEntry("x", " y");
        });
        drain();
        RecordingSubscriber sub = registry.subscribers.get("live/cam1");
        assertThat(sub.track(0).codec()).isEqualTo(Codec.H264);
        assertThat(sub.track(1).codec()).isEqualTo(Codec.AAC);
        assertThat(sub.track(1).clockRate()).isEqualTo(48000);
        List<Frame> v = sub.frames(0);
        assertThat(v).hasSize(2);
        assertThat(v.get(0).keyframe()).isTrue();
        assertThat(v.get(1).keyframe()).isFalse();
        assertThat(v.get(1).dts() - v.get(0).dts()).isEqualTo(33 * 90);
    }

    @Test
    void secondPublisherToBusyPathIsRefusedWhileFirstStaysLive() throws Exception {
        start(RtmpConfig.DEFAULTS, PublishHook.ALLOW_ALL);
        try (TestRtmpClient a = new TestRtmpClient(server.port());
             TestRtmpClient b = new TestRtmpClient(server.port())) {
            a.handshake();
            assertThat(a.publish("live", "x")).isEqualTo("NetStream.Publish.Start");
            b.handshake();
            assertThat(b.publish("live", "x")).isEqualTo("NetStream.Publish.BadName");
            assertThat(b.waitClosed(3000)).isTrue();
            a.video(0, AVC_SEQ);
            a.video(0, AVC_KEY);
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.subscribers.get("live/x").frames.size() == 1);
            assertThat(router.find("live/x").orElseThrow().state()).isEqualTo(io.livegate.router.Stream.State.LIVE);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().size() == 1);
        }
    }

    @Test
    void hookRejectionGivesBadName() throws Exception {
        start(RtmpConfig.DEFAULTS, r -> r.query().containsKey("key") ? new PublishDecision.Allow(r)
                : new PublishDecision.Reject("missing key"));
        try (TestRtmpClient c = new TestRtmpClient(server.port())) {
            c.handshake();
            assertThat(c.publish("live", "nokey")).isEqualTo("NetStream.Publish.BadName");
            assertThat(c.waitClosed(3000)).isTrue();
        }
    }

    @Test
    void idlePublisherIsDropped() throws Exception {
        start(RtmpConfig.DEFAULTS.withIdleTimeout(Duration.ofMillis(500)), PublishHook.ALLOW_ALL);
        try (TestRtmpClient c = new TestRtmpClient(server.port())) {
            c.handshake();
            assertThat(c.publish("live", "idle")).isEqualTo("NetStream.Publish.Start");
            c.video(0, AVC_SEQ);
            c.video(0, AVC_KEY);
            assertThat(c.waitClosed(5000)).as("closed by the server after the idle timeout").isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().isEmpty());
    }

    @Test
    void silentConnectionIsDroppedDuringHandshake() throws Exception {
        start(RtmpConfig.DEFAULTS.withIdleTimeout(Duration.ofMillis(300)), PublishHook.ALLOW_ALL);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void garbageClosesOnlyThatConnection() throws Exception {
        start(RtmpConfig.DEFAULTS, PublishHook.ALLOW_ALL);
        try (TestRtmpClient good = new TestRtmpClient(server.port());
             Socket bad = new Socket("127.0.0.1", server.port())) {
            good.handshake();
            assertThat(good.publish("live", "good")).isEqualTo("NetStream.Publish.Start");
            OutputStream o = bad.getOutputStream();
            o.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            o.flush();
            bad.setSoTimeout(5000);
            int r;
            try {
                r = bad.getInputStream().read();
            } catch (IOException reset) {
                r = -1;
            }
            assertThat(r).isEqualTo(-1);
            good.video(0, AVC_SEQ);
            good.video(0, AVC_KEY);
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.subscribers.get("live/good").frames.size() == 1);
        }
    }

    @Test
    void reconnectWithinGracePeriodKeepsSubscribers() throws Exception {
        start(RtmpConfig.DEFAULTS, PublishHook.ALLOW_ALL);
        for (int session = 0; session < 2; session++) {
            try (TestRtmpClient c = new TestRtmpClient(server.port())) {
                c.handshake();
                assertThat(c.publish("live", "re")).isEqualTo("NetStream.Publish.Start");
                c.video(0, AVC_SEQ);
                c.video(0, AVC_KEY);
                c.video(40, AVC_INTER);
                int expected = 2 * (session + 1);
                await().atMost(Duration.ofSeconds(5)).until(() -> registry.subscribers.get("live/re").frames.size()
                        == expected);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().isEmpty());
        }
        drain();
        RecordingSubscriber sub = registry.subscribers.get("live/re");
        assertThat(sub.endReason).isNull();
        List<Frame> v = sub.frames(0);
        for (int i = 1; i < v.size(); i++) {
            assertThat(v.get(i).dts()).isGreaterThan(v.get(i - 1).dts());
        }
    }

    @Test
    void bindFailureThrows() throws Exception {
        start(RtmpConfig.DEFAULTS, PublishHook.ALLOW_ALL);
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            RtmpServer other = new RtmpServer(RtmpConfig.DEFAULTS.withPorts(taken.getLocalPort(), 0), registry, group);
            assertThatThrownBy(other::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("bind");
            assertThat(other.port()).isEqualTo(-1);
        }
    }

    @Test
    void closeEndsSessions() throws Exception {
        start(RtmpConfig.DEFAULTS, PublishHook.ALLOW_ALL);
        try (TestRtmpClient c = new TestRtmpClient(server.port())) {
            c.handshake();
            assertThat(c.publish("live", "end")).isEqualTo("NetStream.Publish.Start");
            server.close();
            assertThat(c.waitClosed(3000)).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> router.find("live/end").orElseThrow().state()
                == io.livegate.router.Stream.State.WAITING);
    }

    @Test
    void amf3ConnectAndAggregateMessages() throws Exception {
        start(RtmpConfig.DEFAULTS, PublishHook.ALLOW_ALL);
        try (TestRtmpClient c = new TestRtmpClient(server.port())) {
            c.handshake();
            // connect as an AMF3 command message: format byte 0, then AMF0 with the object switched to AMF3
            byte[] connect = hex("00 02 0007 636f6e6e656374 00 3ff0000000000000"
                    + " 11 0a 0b 01 07 617070 06 09 6c697665 1d 6f626a656374456e636f64696e67 04 03 01");
            c.send(new io.livegate.rtmp.chunk.RtmpMessage(3, io.livegate.rtmp.chunk.RtmpMessageType.COMMAND_AMF3, 0,
                    0, io.netty.buffer.Unpooled.wrappedBuffer(connect)));
            assertThat(c.awaitCommand("_result")).isEqualTo("NetConnection.Connect.Success");
            assertThat(c.publishConnected("agg")).isEqualTo("NetStream.Publish.Start");
            java.io.ByteArrayOutputStream agg = new java.io.ByteArrayOutputStream();
            long[] ts = {100, 100, 133};
            byte[][] tags = {AVC_SEQ, AVC_KEY, AVC_INTER};
            for (int i = 0; i < 3; i++) {
                byte[] t = tags[i];
                agg.write(9);
                agg.write(t.length >> 16);
                agg.write(t.length >> 8);
                agg.write(t.length);
                agg.write((int) (ts[i] >> 16));
                agg.write((int) (ts[i] >> 8));
                agg.write((int) ts[i]);
                agg.write(0);
                agg.write(new byte[3]);
                agg.write(t);
                int prev = t.length + 11;
                agg.write(new byte[] {(byte) (prev >> 24), (byte) (prev >> 16), (byte) (prev >> 8), (byte) prev});
            }
            c.send(new io.livegate.rtmp.chunk.RtmpMessage(6, io.livegate.rtmp.chunk.RtmpMessageType.AGGREGATE, 1000,
                    1, io.netty.buffer.Unpooled.wrappedBuffer(agg.toByteArray())));
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.subscribers.get("live/agg").frames.size() == 2);
            drain();
            List<Frame> v = registry.subscribers.get("live/agg").frames(0);
            assertThat(v.get(0).keyframe()).isTrue();
            assertThat(v.get(1).dts() - v.get(0).dts()).isEqualTo(33 * 90);
        }
    }

    @Test
    void invalidTagsAreCountedNotFatal() throws Exception {
        start(RtmpConfig.DEFAULTS, PublishHook.ALLOW_ALL);
        try (TestRtmpClient c = new TestRtmpClient(server.port())) {
            c.handshake();
            assertThat(c.publish("live", "bad")).isEqualTo("NetStream.Publish.Start");
            c.video(0, hex("17 00 000000 01"));   // truncated avcC
            c.video(0, hex("12 00"));             // Sorenson H.263: unsupported
            c.video(0, AVC_KEY);                   // no sequence header yet: dropped
            c.audio(0, hex("2f 00"));             // MP3: unsupported
            c.video(0, AVC_SEQ);
            c.video(0, AVC_KEY);
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.subscribers.get("live/bad").frames.size() == 1);
            RtmpSessionInfo info = server.sessions().get(0);
            assertThat(info.invalidTags()).isEqualTo(3);
            assertThat(info.droppedTags()).isEqualTo(1);
        }
    }

    @Test
    void peerThatNeverReadsIsDropped() throws Exception {
        start(RtmpConfig.DEFAULTS.withLimits(io.livegate.rtmp.chunk.RtmpLimits.DEFAULTS.withMaxOutboundBytes(4096)),
                PublishHook.ALLOW_ALL);
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096); // before connect: no autotuning, the kernel holds little for us
            s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            s.setSoTimeout(5000);
            OutputStream o = s.getOutputStream();
            byte[] c0c1 = new byte[1537];
            c0c1[0] = 3;
            o.write(c0c1);
            byte[] s012 = s.getInputStream().readNBytes(3073);
            o.write(s012, 1, 1536);
            // Ping Requests, each answered with a Ping Response we never read: a type-0 chunk, then type-3 repeats.
            byte[] first = hex("02 000000 000006 04 00000000 0006 00000001");
            byte[] again = hex("c2 0006 00000001");
            o.write(first);
            byte[] batch = new byte[again.length * 10_000];
            for (int i = 0; i < 10_000; i++) {
                System.arraycopy(again, 0, batch, i * again.length, again.length);
            }
            ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                    .getLogger(RtmpCommandHandler.class);
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                    new ch.qos.logback.core.read.ListAppender<>();
            logs.start();
            logger.addAppender(logs);
            try {
                try {
                    for (int i = 0; i < 300 && !server.sessions().isEmpty(); i++) {
                        o.write(batch);
                    }
                } catch (IOException closedByServer) {
                    // expected once the server gives up on us
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> server.sessions().isEmpty());
                assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("PEER_NOT_READING"));
            } finally {
                logger.detachAppender(logs);
            }
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedOnAccept() throws Exception {
        start(RtmpConfig.DEFAULTS.withLimits(io.livegate.rtmp.chunk.RtmpLimits.DEFAULTS.withMaxConnections(1)),
                PublishHook.ALLOW_ALL);
        try (TestRtmpClient first = new TestRtmpClient(server.port());
             Socket second = new Socket("127.0.0.1", server.port())) {
            first.handshake();
            assertThat(first.publish("live", "one")).isEqualTo("NetStream.Publish.Start");
            second.setSoTimeout(5000);
            int r;
            try {
                r = second.getInputStream().read();
            } catch (IOException reset) {
                r = -1;
            }
            assertThat(r).isEqualTo(-1);
            assertThat(server.sessions()).singleElement().satisfies(s -> assertThat(s.path()).isEqualTo("live/one"));
        }
    }

    @Test
    void runsOnANioGroupToo() throws Exception {
        start(RtmpConfig.DEFAULTS, PublishHook.ALLOW_ALL);
        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, io.netty.channel.nio.NioIoHandler.newFactory());
        RtmpServer other = new RtmpServer(RtmpConfig.DEFAULTS.withPorts(0, 0), registry, nio);
        try {
            other.start();
            try (TestRtmpClient c = new TestRtmpClient(other.port())) {
                c.handshake();
                assertThat(c.publish("live", "nio")).isEqualTo("NetStream.Publish.Start");
            }
        } finally {
            other.close();
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
