package io.livegate.whep;

import io.livegate.media.Frame;
import io.livegate.rtc.testing.LoopbackServers;
import io.livegate.rtc.transport.WebRtcPort;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.StreamRouter;
import io.livegate.transcode.OpusTranscoding;
import io.livegate.transcode.TranscodeConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server half of the Chromium e2e test, run as its own JVM inside the test's network namespace: a router
 * with an ffmpeg-made stream published in real time (looped, timestamps continuous) at {@code live/cam1}, a
 * {@link WebRtcPort} on 127.0.0.1, and an HTTP server routing to {@link WhepEgress} (plus a blank page at
 * {@code /} so the browser has an http://127.0.0.1 origin, and {@code /sessions} as text). Prints
 * {@code READY <url>}; exits when stdin closes.
 *
 * <p>Args: workDir width height audio(opus|aac) [udp|tcp [videoBitrate]]. With aac, viewers subscribe through
 * {@link OpusTranscoding}.
 */
public final class WhepTestServer {

    private WhepTestServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int width = Integer.parseInt(args[1]);
        int height = Integer.parseInt(args[2]);
        boolean opus = args[3].equals("opus");
        boolean tcpOnly = args.length > 4 && args[4].equals("tcp");
        MediaFixture media = MediaFixture.make(dir, width, height, 4, opus, args.length > 5 ? args[5] : null);

        StreamRouter router = new StreamRouter();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        WebRtcPort port = LoopbackServers.webRtcPort(group);
        WhepConfig config = WhepConfig.DEFAULTS.withIceServers(List.of("stun:127.0.0.1:3478"));
        OpusTranscoding opusTranscoding = opus ? null : new OpusTranscoding(TranscodeConfig.DEFAULTS, router);
        WhepEgress egress = new WhepEgress(tcpOnly ? config.withTcpOnly(true) : config, router, port, opusTranscoding);

        Publisher publisher = router.publish(new PublishRequest("live/cam1", "test", "127.0.0.1:1", null), r -> {
        });
        publisher.setTrack(media.video);
        publisher.setTrack(media.audio);
        Thread feeder = Thread.ofPlatform().daemon().name("feeder").start(() -> feed(publisher, media));

        Channel http = LoopbackServers.http(group, (ctx, req) -> {
            if (!egress.handle(ctx, req)) {
                other(ctx, req, egress);
            }
        });
        int httpPort = ((InetSocketAddress) http.localAddress()).getPort();
        System.out.println("READY http://127.0.0.1:" + httpPort);
        System.out.flush();
        while (System.in.read() >= 0) {
            // the parent closes stdin (or kills us) to stop
        }
        for (WhepSessionInfo s : egress.sessions()) {
            System.out.println("SESSION " + s);
        }
        feeder.interrupt();
        egress.close();
        if (opusTranscoding != null) {
            opusTranscoding.close();
        }
        publisher.close();
        router.close();
        port.close();
        http.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static void feed(Publisher publisher, MediaFixture media) {
        long start = System.nanoTime();
        long durationTicks90 = media.durationMicros * 90 / 1000;
        long durationTicks48 = media.durationMicros * 48 / 1000;
        try {
            for (int loop = 0; ; loop++) {
                long base = loop * media.durationMicros;
                for (Frame f : media.frames) {
                    long due = start + (base + MediaFixture.micros(f)) * 1000;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    long shift = f.trackId() == 0 ? loop * durationTicks90 : loop * durationTicks48;
                    publisher.write(new Frame(f.trackId(), f.pts() + shift, f.dts() + shift, f.keyframe(),
                            f.payload(), System.nanoTime()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void other(ChannelHandlerContext ctx, FullHttpRequest req, WhepEgress egress) {
        String body;
        HttpResponseStatus status = HttpResponseStatus.OK;
        String type = "text/html; charset=utf-8";
        if (req.uri().equals("/")) {
            body = "<!doctype html><title>whep test</title><body></body>";
        } else if (req.uri().equals("/sessions")) {
            StringBuilder b = new StringBuilder();
            for (WhepSessionInfo s : egress.sessions()) {
                b.append(s).append('\n');
            }
            body = b.toString();
            type = "text/plain; charset=utf-8";
        } else {
            status = HttpResponseStatus.NOT_FOUND;
            body = "not found";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var r = new DefaultFullHttpResponse(req.protocolVersion(), status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type).setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
