package io.livegate.whip;

import io.livegate.codec.h264.H264Sps;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Track;
import io.livegate.rtc.testing.LoopbackServers;
import io.livegate.rtc.transport.WebRtcPort;
import io.livegate.router.StreamRouter;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server half of the Chromium WHIP e2e test, run as its own JVM inside the test's network namespace: a router
 * behind a {@link RecordingRegistry}, a {@link WebRtcPort} on 127.0.0.1, and an HTTP server routing to
 * {@link WhipIngest} (plus a blank page at {@code /}, so the browser has an http://127.0.0.1 origin). Prints
 * {@code READY <url>}; when stdin closes it prints what the bus received, one {@code KEY value...} line each, and
 * exits.
 */
public final class WhipTestServer {

    private WhipTestServer() {
    }

    public static void main(String[] args) throws Exception {
        StreamRouter router = new StreamRouter();
        RecordingRegistry registry = new RecordingRegistry(router);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        WebRtcPort port = LoopbackServers.webRtcPort(group);
        WhipIngest ingest = new WhipIngest(WhipConfig.DEFAULTS, registry, port);
        Channel http = LoopbackServers.http(group, (ctx, req) -> {
            if (!ingest.handle(ctx, req)) {
                page(ctx);
            }
        });
        System.out.println("READY " + LoopbackServers.origin(http));
        System.out.flush();
        while (System.in.read() >= 0) {
            // the parent closes stdin to stop us
        }
        report(registry);
        ingest.close();
        router.close();
        port.close();
        http.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static void report(RecordingRegistry registry) {
        for (Track t : registry.tracks) {
            String size = "";
            if (t.parameters() instanceof CodecParameters.H264Parameters h) {
                H264Sps sps = H264Sps.parse(h.sps().get(0));
                size = " " + sps.width() + "x" + sps.height();
            }
            System.out.println("TRACK " + t.id() + " " + t.codec() + " " + t.clockRate() + size);
        }
        for (int id : new int[] {0, 1}) {
            List<Frame> frames = registry.track(id);
            if (frames.isEmpty()) {
                continue;
            }
            int clock = registry.tracks.stream().filter(t -> t.id() == id).findFirst().orElseThrow().clockRate();
            boolean increasing = true;
            for (int i = 1; i < frames.size(); i++) {
                increasing &= frames.get(i).pts() > frames.get(i - 1).pts();
            }
            long keyframes = frames.stream().filter(Frame::keyframe).count();
            // How long after its presentation time each frame reached us; its median per track shows the alignment.
            double[] delays = frames.stream().mapToDouble(f -> f.ingestNanos() / 1e6 - f.pts() * 1000.0 / clock)
                    .sorted().toArray();
            System.out.println("FRAMES " + id + " count=" + frames.size() + " keyframes=" + keyframes
                    + " first_key=" + frames.get(0).keyframe() + " increasing=" + increasing
                    + " first_pts_ms=" + Math.round(frames.get(0).pts() * 1000.0 / clock)
                    + " delay_median_ms=" + Math.round(delays[delays.length / 2]));
        }
        System.out.println("CLOSED " + registry.closed);
        System.out.println("FIRST_WRITTEN " + (registry.frames.isEmpty() ? -1 : registry.frames.get(0).trackId()));
        System.out.flush();
    }

    private static void page(ChannelHandlerContext ctx) {
        byte[] body = "<!doctype html><title>whip test</title>".getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
