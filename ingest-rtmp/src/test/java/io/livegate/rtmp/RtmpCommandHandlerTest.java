package io.livegate.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.livegate.media.Frame;
import io.livegate.router.StreamRouter;
import io.livegate.rtmp.amf.Amf0Reader;
import io.livegate.rtmp.amf.Amf0Writer;
import io.livegate.rtmp.amf.AmfLimits;
import io.livegate.rtmp.chunk.RtmpChunkDecoder;
import io.livegate.rtmp.chunk.RtmpLimits;
import io.livegate.rtmp.chunk.RtmpMessage;
import io.livegate.rtmp.chunk.RtmpMessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The command flow in memory: replies, refusals and bad commands (each closes only this channel). */
class RtmpCommandHandlerTest {

    private final StreamRouter router = new StreamRouter();
    private EmbeddedChannel ch;
    private SubscribingRegistry registry;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RtmpCommandHandler.class);

    @BeforeEach
    void setUp() {
        ch = new EmbeddedChannel();
        registry = new SubscribingRegistry(router, ch.eventLoop());
        ch.pipeline().addLast(new RtmpCommandHandler(registry, RtmpLimits.DEFAULTS,
                new RtmpChunkDecoder(RtmpLimits.DEFAULTS), new SessionStats("rtmp", "10.0.0.1:5000")));
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logs);
        ch.finishAndReleaseAll();
        router.close();
    }

    private void command(int streamId, Object... values) {
        ByteBuf body = Unpooled.buffer();
        Amf0Writer.write(body, values);
        ch.writeInbound(new RtmpMessage(3, RtmpMessageType.COMMAND_AMF0, 0, streamId, body));
    }

    /** The AMF values of each command the handler sent. */
    private List<List<Object>> replies() {
        List<List<Object>> out = new ArrayList<>();
        RtmpMessage m;
        while ((m = ch.readOutbound()) != null) {
            try {
                if (m.typeId() == RtmpMessageType.COMMAND_AMF0) {
                    out.add(new Amf0Reader(m.body(), AmfLimits.DEFAULTS).readAll());
                }
            } finally {
                m.release();
            }
        }
        return out;
    }

    private static String code(List<Object> reply) {
        return (String) ((Map<?, ?>) reply.get(3)).get("code");
    }

    private void assertClosedWithLog(String fragment) {
        assertThat(ch.isOpen()).isFalse();
        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("rtmp session failed")).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains(fragment).contains("10.0.0.1:5000"));
    }

    @Test
    void connectCreateStreamPublish() {
        command(0, "connect", 1.0, Map.of("app", "live", "flashVer", "FMLE/3.0", "fourCcList", List.of("hvc1")));
        List<List<Object>> r = replies();
        assertThat(r).singleElement().satisfies(v -> {
            assertThat(v.get(0)).isEqualTo("_result");
            assertThat(v.get(1)).isEqualTo(1.0);
            assertThat(code(v)).isEqualTo("NetConnection.Connect.Success");
            assertThat(((Map<?, ?>) v.get(2)).containsKey("fourCcList")).isTrue();
        });
        command(0, "createStream", 2.0, null);
        assertThat(replies()).singleElement().satisfies(v -> assertThat(v).containsExactly("_result", 2.0, null, 1.0));
        command(1, "publish", 3.0, null, "cam?k=v", "live");
        assertThat(replies()).singleElement().satisfies(v -> assertThat(code(v)).isEqualTo("NetStream.Publish.Start"));
        assertThat(router.find("live/cam")).isPresent();
    }

    @Test
    void amfNestingBombClosesTheChannel() {
        ByteBuf body = Unpooled.buffer();
        Amf0Writer.write(body, "connect", 1.0);
        for (int i = 0; i < 10_000; i++) {
            body.writeByte(0x03).writeShort(1).writeByte('a'); // object { a: object { a: ...
        }
        ch.writeInbound(new RtmpMessage(3, RtmpMessageType.COMMAND_AMF0, 0, 0, body));
        assertClosedWithLog("TOO_DEEP");
    }

    @Test
    void publishBeforeConnectClosesTheChannel() {
        command(1, "publish", 1.0, null, "x", "live");
        assertClosedWithLog("BAD_COMMAND");
    }

    @Test
    void commandWithoutNameClosesTheChannel() {
        command(0, 1.0, 2.0);
        assertClosedWithLog("BAD_COMMAND");
    }

    @Test
    void timestampsGoingBackwardsAreTolerated() {
        command(0, "connect", 1.0, Map.of("app", "live"));
        command(0, "createStream", 2.0, null);
        command(1, "publish", 3.0, null, "back", "live");
        replies();
        long[] ts = {1000, 1033, 900, 1066};
        ch.writeInbound(new RtmpMessage(6, RtmpMessageType.VIDEO, 0, 1, Unpooled.wrappedBuffer(RtmpServerTest.AVC_SEQ)));
        for (int i = 0; i < ts.length; i++) {
            byte[] tag = i == 0 ? RtmpServerTest.AVC_KEY : RtmpServerTest.AVC_INTER;
            ch.writeInbound(new RtmpMessage(6, RtmpMessageType.VIDEO, ts[i], 1, Unpooled.wrappedBuffer(tag)));
        }
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        List<Frame> frames = registry.subscribers.get("live/back").frames(0);
        assertThat(frames).hasSize(4);
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).dts()).isGreaterThan(frames.get(i - 1).dts());
        }
    }

    @Test
    void secondPublishWhilePublishingIsRefused() {
        command(0, "connect", 1.0, Map.of("app", "live"));
        command(0, "createStream", 2.0, null);
        command(1, "publish", 3.0, null, "again", "live");
        command(1, "publish", 4.0, null, "other", "live");
        List<List<Object>> r = replies();
        assertThat(code(r.get(r.size() - 1))).isEqualTo("NetStream.Publish.BadName"); // one publish at a time
    }

    @Test
    void publishAgainAfterUnpublish() {
        command(0, "connect", 1.0, Map.of("app", "live"));
        command(0, "createStream", 2.0, null);
        command(1, "publish", 3.0, null, "again", "live");
        command(0, "FCUnpublish", 4.0, null, "again");
        command(1, "deleteStream", 5.0, null, 1.0);
        command(0, "createStream", 6.0, null);
        command(2, "publish", 7.0, null, "again", "live");
        List<List<Object>> r = replies();
        assertThat(r.stream().filter(v -> "onStatus".equals(v.get(0))).map(RtmpCommandHandlerTest::code).toList())
                .containsExactly("NetStream.Publish.Start", "NetStream.Publish.Start");
        assertThat(ch.isOpen()).isTrue();
    }

    /**
     * Chunk bytes after the handshake into the decoder and the command handler: whatever happens, a failure is
     * one of our named protocol/AMF exceptions (logged once), never an unexpected one.
     */
    @FuzzTest(maxDuration = "10s")
    void fuzzSession(byte[] data) {
        EmbeddedChannel c = new EmbeddedChannel();
        SubscribingRegistry reg = new SubscribingRegistry(router, c.eventLoop());
        RtmpLimits limits = new RtmpLimits(RtmpLimits.DEFAULT_MAX_CHUNK_SIZE, 64 * 1024, 8, 128 * 1024, 16, 1024,
                4096, 4, 1 << 20, 10);
        RtmpChunkDecoder decoder = new RtmpChunkDecoder(limits);
        c.pipeline().addLast(decoder, new RtmpCommandHandler(reg, limits, decoder, new SessionStats("rtmp", "fuzz")));
        int before = logs.list.size();
        try {
            c.writeInbound(Unpooled.wrappedBuffer(data));
            c.runPendingTasks();
        } finally {
            c.finishAndReleaseAll();
            reg.subscriptions.values().forEach(io.livegate.router.Subscription::close);
        }
        for (ILoggingEvent e : logs.list.subList(before, logs.list.size())) {
            String m = e.getFormattedMessage();
            if (m.contains("rtmp session failed")) {
                assertThat(m).containsAnyOf("error=RtmpProtocolException", "error=AmfException");
            }
        }
        logs.list.clear();
    }
}
