package io.livegate.whip;

import io.livegate.rtc.transport.WebRtcConfig;
import io.livegate.rtc.transport.WebRtcPort;
import io.livegate.router.PublishHook;
import io.livegate.router.RouterConfig;
import io.livegate.router.StreamRouter;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A router, a WebRTC port on 127.0.0.1 and a {@link WhipIngest}, with requests served through an EmbeddedChannel. */
final class WhipTestBed implements AutoCloseable {

    /** The reply to one request: status, headers we look at, body. */
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final StreamRouter router;
    final RecordingRegistry registry;
    final WebRtcPort port;
    final WhipIngest ingest;

    WhipTestBed(WhipConfig config, RouterConfig routerConfig, PublishHook hook) throws Exception {
        router = new StreamRouter(routerConfig, hook);
        registry = new RecordingRegistry(router);
        port = new WebRtcPort(WebRtcConfig.DEFAULTS.withBindHost("127.0.0.1").withPort(0)
                .withAdvertisedAddresses(List.of(InetAddress.getByName("127.0.0.1"))).withIceTcp(false)
                .withDtlsHandshakeTimeout(Duration.ofSeconds(5)), group);
        port.start();
        ingest = new WhipIngest(config, registry, port);
    }

    WhipTestBed() throws Exception {
        this(WhipConfig.DEFAULTS, RouterConfig.DEFAULTS, PublishHook.ALLOW_ALL);
    }

    Reply request(HttpMethod method, String uri, String contentType, String body, String... headers) {
        EmbeddedChannel ch = new EmbeddedChannel(new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                if (!ingest.handle(ctx, req)) {
                    ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                            io.netty.handler.codec.http.HttpResponseStatus.valueOf(599)));
                }
            }
        });
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body == null ? "" : body, StandardCharsets.UTF_8));
        if (contentType != null) {
            req.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            req.headers().set(headers[i], headers[i + 1]);
        }
        ch.writeInbound(req);
        FullHttpResponse r = ch.readOutbound();
        try {
            Map<String, String> h = new java.util.HashMap<>();
            r.headers().forEach(e -> h.merge(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue(),
                    (a, b) -> a + ", " + b));
            return new Reply(r.status().code(), h, r.content().toString(StandardCharsets.UTF_8));
        } finally {
            r.release();
            ch.finishAndReleaseAll();
        }
    }

    Reply post(String path, String offer, String... headers) {
        return request(HttpMethod.POST, "/" + path + "/whip", "application/sdp", offer, headers);
    }

    @Override
    public void close() {
        ingest.close();
        port.close();
        router.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
