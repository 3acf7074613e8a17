package io.livegate.rtmp;

import io.livegate.router.PublishRejectedException;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.PublisherControl;
import io.livegate.router.StreamRegistry;
import io.livegate.rtmp.amf.Amf0Reader;
import io.livegate.rtmp.amf.Amf0Writer;
import io.livegate.rtmp.amf.AmfEcmaArray;
import io.livegate.rtmp.amf.AmfException;
import io.livegate.rtmp.chunk.RtmpChunkDecoder;
import io.livegate.rtmp.chunk.RtmpControl;
import io.livegate.rtmp.chunk.RtmpLimits;
import io.livegate.rtmp.chunk.RtmpMessage;
import io.livegate.rtmp.chunk.RtmpMessageType;
import io.livegate.rtmp.chunk.RtmpProtocolException;
import io.livegate.rtmp.chunk.RtmpProtocolException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NetConnection/NetStream command flow of a publishing client (OBS, ffmpeg, vMix, hardware encoders):
 * connect, releaseStream, FCPublish, createStream, publish, @setDataFrame/onMetaData, FCUnpublish,
 * deleteStream, closeStream. A publish becomes one {@link RtmpPublisher}; audio and video messages go to it.
 *
 * <p>The stream path is {@code app/streamName}; a query string on either (e.g. {@code live/cam1?key=abc}) goes
 * to {@link PublishRequest#query()} for the publish hook. A refused publish gets onStatus
 * NetStream.Publish.BadName and the connection closes. Playback over RTMP is not offered.
 *
 * <p>Failures (protocol errors, AMF errors, a peer that stops reading, idle timeout) close this connection
 * only, logged once with the peer address.
 */
final class RtmpCommandHandler extends SimpleChannelInboundHandler<RtmpMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(RtmpCommandHandler.class);
    /** Chunk stream for command replies on the connection (stream 0). */
    private static final int COMMAND_CSID = 3;
    /** Chunk stream for NetStream status messages. */
    private static final int STREAM_CSID = 5;
    private static final int WINDOW_ACK_SIZE = 2_500_000;
    private static final int OUT_CHUNK_SIZE = 4096;
    /** NetStreams one connection may create; publishers use one. */
    private static final int MAX_STREAMS = 16;
    /** The E-RTMP FourCCs we accept, announced in the connect reply. */
    private static final List<Object> FOURCCS = List.of("avc1", "hvc1", "av01", "vp09", "vp08", "mp4a", "Opus");

    private final StreamRegistry registry;
    private final RtmpLimits limits;
    private final RtmpChunkDecoder decoder;
    private final SessionStats stats;
    private ChannelHandlerContext ctx;
    private String app;
    private Map<String, String> appQuery = Map.of();
    private double objectEncoding;
    private int streams;
    private RtmpPublisher publisher;
    private boolean failed;
    private String endReason = "peer closed";

    RtmpCommandHandler(StreamRegistry registry, RtmpLimits limits, RtmpChunkDecoder decoder, SessionStats stats) {
        super(RtmpMessage.class);
        this.registry = registry;
        this.limits = limits;
        this.decoder = decoder;
        this.stats = stats;
    }

    SessionStats stats() {
        return stats;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtmpMessage msg) {
        stats.bytes(decoder.bytesIn());
        switch (msg.typeId()) {
            case RtmpMessageType.AUDIO, RtmpMessageType.VIDEO, RtmpMessageType.AGGREGATE -> {
                if (publisher != null && publisher.publisher().isActive()) {
                    publisher.onMessage(msg);
                } else {
                    stats.droppedTags++;
                }
            }
            case RtmpMessageType.COMMAND_AMF0 -> command(msg, amf(msg.body(), false));
            case RtmpMessageType.COMMAND_AMF3 -> command(msg, amf(msg.body(), true));
            case RtmpMessageType.DATA_AMF0 -> data(amf(msg.body(), false));
            case RtmpMessageType.DATA_AMF3 -> data(amf(msg.body(), true));
            default -> {
                // other types are consumed by the chunk decoder
            }
        }
    }

    private List<Object> amf(ByteBuf body, boolean amf3) {
        ByteBuf view = body.duplicate();
        if (amf3 && view.isReadable() && view.getByte(view.readerIndex()) == 0) {
            view.skipBytes(1); // AMF3 command/data messages start with an AMF0 format byte
        }
        return new Amf0Reader(view, limits.amfLimits()).readAll();
    }

    private void command(RtmpMessage msg, List<Object> values) {
        if (values.isEmpty() || !(values.get(0) instanceof String name)) {
            throw new RtmpProtocolException(Reason.BAD_COMMAND, "command without a name (first of " + values.size()
                    + " values is " + (values.isEmpty() || values.get(0) == null ? "null"
                    : values.get(0).getClass().getSimpleName()) + ")");
        }
        double txn = values.size() > 1 && values.get(1) instanceof Double d ? d : 0;
        switch (name) {
            case "connect" -> connect(txn, values.size() > 2 && values.get(2) instanceof Map<?, ?> m ? m : Map.of());
            case "releaseStream" -> {
                requireConnected(name);
                result(txn, (Object) null);
            }
            case "FCPublish" -> {
                requireConnected(name);
                result(txn, (Object) null);
                // Some hardware encoders wait for onFCPublish (as nginx-rtmp sends it) before publishing.
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("level", "status");
                info.put("code", "NetStream.Publish.Start");
                info.put("description", arg(values, 3));
                send(COMMAND_CSID, 0, "onFCPublish", 0.0, null, info);
                ctx.flush();
            }
            case "createStream" -> {
                requireConnected(name);
                if (++streams > MAX_STREAMS) {
                    throw new RtmpProtocolException(Reason.BAD_COMMAND, "createStream number " + streams
                            + " > limit " + MAX_STREAMS);
                }
                result(txn, null, (double) streams);
            }
            case "publish" -> publish(msg.streamId(), arg(values, 3));
            case "FCUnpublish", "closeStream", "deleteStream" -> {
                endPublish(name);
                if (name.equals("FCUnpublish")) {
                    result(txn, (Object) null);
                }
            }
            case "play", "play2" -> {
                status(msg.streamId(), "error", "NetStream.Play.Failed", "playback over RTMP is not offered");
                ctx.flush();
            }
            default -> LOG.debug("rtmp ignored command={} remote={}", name, stats.remoteAddress);
        }
    }

    private static String arg(List<Object> values, int i) {
        return values.size() > i && values.get(i) instanceof String s ? s : "";
    }

    private void requireConnected(String command) {
        if (app == null) {
            throw new RtmpProtocolException(Reason.BAD_COMMAND, command + " before connect");
        }
    }

    private void connect(double txn, Map<?, ?> cmd) {
        if (app != null) {
            throw new RtmpProtocolException(Reason.BAD_COMMAND, "second connect on one connection");
        }
        String rawApp = cmd.get("app") instanceof String s ? s : "";
        int q = rawApp.indexOf('?');
        app = trimSlashes(q < 0 ? rawApp : rawApp.substring(0, q));
        appQuery = q < 0 ? Map.of() : parseQuery(rawApp.substring(q + 1));
        stats.flashVer = cmd.get("flashVer") instanceof String s ? s : "";
        objectEncoding = cmd.get("objectEncoding") instanceof Double d ? d : 0;
        ctx.write(RtmpControl.windowAckSize(WINDOW_ACK_SIZE));
        ctx.write(RtmpControl.setPeerBandwidth(WINDOW_ACK_SIZE, RtmpControl.BANDWIDTH_DYNAMIC));
        ctx.write(RtmpControl.setChunkSize(OUT_CHUNK_SIZE));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("fmsVer", "FMS/3,5,7,7009");
        props.put("capabilities", 31.0);
        props.put("mode", 1.0);
        if (cmd.containsKey("fourCcList")) {
            props.put("fourCcList", FOURCCS);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", "status");
        info.put("code", "NetConnection.Connect.Success");
        info.put("description", "Connection succeeded.");
        info.put("objectEncoding", objectEncoding);
        AmfEcmaArray data = new AmfEcmaArray();
        data.put("version", "3,5,7,7009");
        info.put("data", data);
        send(COMMAND_CSID, 0, "_result", txn, props, info);
        ctx.flush();
    }

    private void publish(int streamId, String rawName) {
        requireConnected("publish");
        if (publisher != null) {
            refuse(streamId, "this connection already publishes " + stats.path);
            return;
        }
        int q = rawName.indexOf('?');
        String name = trimSlashes(q < 0 ? rawName : rawName.substring(0, q));
        Map<String, String> query = new LinkedHashMap<>(appQuery);
        if (q >= 0) {
            query.putAll(parseQuery(rawName.substring(q + 1)));
        }
        if (name.isEmpty()) {
            refuse(streamId, "empty stream name");
            return;
        }
        String path = app.isEmpty() ? name : app + "/" + name;
        PublishRequest request = new PublishRequest(path, stats.protocol, stats.remoteAddress, query);
        Publisher p;
        try {
            p = registry.publish(request, new Control());
        } catch (PublishRejectedException e) {
            LOG.info("rtmp publish refused path={} remote={} reason={} message=\"{}\"", path, stats.remoteAddress,
                    e.reason(), e.getMessage());
            refuse(streamId, e.getMessage());
            return;
        }
        stats.path = p.path();
        publisher = new RtmpPublisher(p, limits.maxTracks(), stats);
        ctx.write(RtmpControl.userControl(RtmpControl.EVENT_STREAM_BEGIN, streamId));
        status(streamId, "status", "NetStream.Publish.Start", name + " is now published.");
        ctx.flush();
        LOG.info("rtmp publish start path={} remote={} protocol={} flashVer=\"{}\"", p.path(), stats.remoteAddress,
                stats.protocol, stats.flashVer);
    }

    private void refuse(int streamId, String why) {
        status(streamId, "error", "NetStream.Publish.BadName", why);
        endReason = "publish refused: " + why;
        ctx.writeAndFlush(RtmpControl.userControl(RtmpControl.EVENT_STREAM_EOF, streamId))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Ends the current publish (the connection may publish again afterwards), with its one end log line. */
    private void endPublish(String why) {
        if (publisher == null) {
            return;
        }
        publisher.close();
        publisher = null;
        stats.bytes(decoder.bytesIn());
        LOG.info("rtmp publish end path={} remote={} bytesIn={} videoFrames={} audioFrames={} invalidTags={} "
                        + "droppedTags={} reason=\"{}\"", stats.path, stats.remoteAddress, stats.bytesIn,
                stats.videoFrames, stats.audioFrames, stats.invalidTags, stats.droppedTags, why);
    }

    private void data(List<Object> values) {
        // @setDataFrame("onMetaData", {...}) from encoders, or onMetaData({...}) directly.
        for (Object v : values) {
            if (v instanceof Map<?, ?> m) {
                if (m.get("encoder") instanceof String s) {
                    stats.encoder = s;
                }
                return;
            }
        }
    }

    private void result(double txn, Object... rest) {
        Object[] values = new Object[rest.length + 2];
        values[0] = "_result";
        values[1] = txn;
        System.arraycopy(rest, 0, values, 2, rest.length);
        send(COMMAND_CSID, 0, values);
        ctx.flush();
    }

    private void status(int streamId, String level, String code, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        send(STREAM_CSID, streamId, "onStatus", 0.0, null, info);
    }

    private void send(int csid, int streamId, Object... values) {
        if (!ctx.channel().isWritable()) {
            throw new RtmpProtocolException(Reason.PEER_NOT_READING,
                    "more than " + limits.maxOutboundBytes() + " bytes unread by the peer");
        }
        ByteBuf body = ctx.alloc().buffer();
        Amf0Writer.write(body, values);
        ctx.write(new RtmpMessage(csid, RtmpMessageType.COMMAND_AMF0, 0, streamId, body));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable()) {
            fail(ctx, new RtmpProtocolException(Reason.PEER_NOT_READING,
                    "more than " + limits.maxOutboundBytes() + " bytes unread by the peer"));
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            endReason = "idle timeout";
            LOG.info("rtmp idle timeout path={} remote={}", stats.path, stats.remoteAddress);
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (!failed) {
            failed = true;
            Throwable c = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                    && !(cause instanceof RtmpProtocolException) ? cause.getCause() : cause;
            endReason = c.getMessage();
            LOG.warn("rtmp session failed path={} remote={} error={}: {}", stats.path, stats.remoteAddress,
                    c.getClass().getSimpleName(), c.getMessage());
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        endPublish(endReason);
        super.channelInactive(ctx);
    }

    /** The router's handle back to this session. */
    private final class Control implements PublisherControl {
        @Override
        public void disconnect(String reason) {
            ctx.channel().eventLoop().execute(() -> {
                endReason = "router: " + reason;
                ctx.close();
            });
        }
    }

    private static String trimSlashes(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '/') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '/') {
            b--;
        }
        return s.substring(a, b);
    }

    /** {@code a=1&b=2}, URL-decoded; at most 32 parameters are kept. */
    static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : query.split("&", 33)) {
            if (part.isEmpty() || out.size() >= 32) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            try {
                out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                out.put(k, v);
            }
        }
        return out;
    }
}
