package io.livegate.whep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.rtc.rtcp.PictureLossIndication;
import io.livegate.rtc.rtcp.RtcpPacket;
import io.livegate.rtc.rtcp.SenderReport;
import io.livegate.rtc.rtcp.TransportLayerNack;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.transport.WebRtcConfig;
import io.livegate.rtc.transport.WebRtcPort;
import io.livegate.router.PublishHook;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.PublisherControl;
import io.livegate.router.RouterConfig;
import io.livegate.router.StreamRouter;
import io.livegate.transcode.OpusTranscoding;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The media path against a Java viewer over real ICE, DTLS and SRTP on 127.0.0.1: the cached GOP arrives first
 * (keyframe, squeezed timestamps), live frames follow continuously, NACK is answered with RTX, PLI reaches the
 * publisher, SRs arrive.
 */
class WhepMediaTest {

    private EventLoopGroup group;
    private WebRtcPort port;
    private StreamRouter router;
    private Publisher publisher;
    private WhepEgress egress;
    private TestViewer viewer;
    private final AtomicInteger keyframeRequests = new AtomicInteger();
    private int frame;

    @BeforeEach
    void setUp() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        port = new WebRtcPort(WebRtcConfig.DEFAULTS.withBindHost("127.0.0.1").withPort(0)
                .withAdvertisedAddresses(List.of(InetAddress.getByName("127.0.0.1"))), group);
        port.start();
        router = new StreamRouter(new RouterConfig(Duration.ofSeconds(5), false,
                RouterConfig.DEFAULT_GOP_CACHE_MAX_FRAMES, RouterConfig.DEFAULT_GOP_CACHE_MAX_BYTES,
                Duration.ZERO, Duration.ofSeconds(10)), PublishHook.ALLOW_ALL);
        publisher = router.publish(new PublishRequest("live/m", "test", "127.0.0.1:1", null), new PublisherControl() {
            @Override
            public void requestKeyframe() {
                keyframeRequests.incrementAndGet();
            }

            @Override
            public void disconnect(String reason) {
            }
        });
        publisher.setTrack(new Track(0, Codec.H264, 90_000, new CodecParameters.H264Parameters(
                List.of(TestSdp.BASELINE_SPS), List.of(TestSdp.PPS))));
        egress = new WhepEgress(WhepConfig.DEFAULTS, router, port, (OpusTranscoding) null);
        viewer = new TestViewer();
    }

    @AfterEach
    void tearDown() {
        viewer.close();
        egress.close();
        publisher.close();
        router.close();
        port.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void write(int frames) {
        for (int i = 0; i < frames; i++, frame++) {
            boolean key = frame % 30 == 0;
            byte[] slice = new byte[key ? 3000 : 500];
            slice[0] = (byte) (key ? 0x65 : 0x41);
            slice[1] = (byte) frame;
            publisher.write(new Frame(0, frame * 3000L, frame * 3000L, key, new Payload.NalUnits(List.of(slice)),
                    System.nanoTime()));
        }
    }

    private String post() {
        EmbeddedChannel ch = new EmbeddedChannel(new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                egress.handle(ctx, req);
            }
        });
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/live/m/whep",
                Unpooled.copiedBuffer(viewer.offer(), StandardCharsets.UTF_8));
        req.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/sdp");
        ch.writeInbound(req);
        FullHttpResponse r = ch.readOutbound();
        ch.finishAndReleaseAll();
        try {
            assertThat(r.status().code()).as(r.content().toString(StandardCharsets.UTF_8)).isEqualTo(201);
            return r.content().toString(StandardCharsets.UTF_8);
        } finally {
            r.release();
        }
    }

    private RtpPacket next(long videoSsrc) throws InterruptedException {
        RtpPacket p;
        while ((p = viewer.rtp.poll(5, TimeUnit.SECONDS)) != null) {
            if ((p.header().ssrc() & 0xFFFFFFFFL) == videoSsrc) {
                return p;
            }
        }
        throw new AssertionError("no video packet");
    }

    @Test
    void gopFirstThenLiveWithNackPliAndSenderReports() throws Exception {
        write(10); // keyframe + 9: the GOP a viewer starts from
        String answer = post();
        String[] fid = TestViewer.line(answer, "a=ssrc-group:FID ").split(" ");
        long videoSsrc = Long.parseLong(fid[0]);
        long rtxSsrc = Long.parseLong(fid[1]);
        viewer.connect(answer);

        // The cached GOP: 10 frames, timestamps one tick apart ending at the live edge, keyframe first (STAP-A
        // with SPS and PPS, then FU-As).
        List<RtpPacket> gop = new ArrayList<>();
        long lastTs = -1;
        int frames = 0;
        while (frames < 10) {
            RtpPacket p = next(videoSsrc);
            gop.add(p);
            if (p.header().marker()) {
                frames++;
                if (lastTs >= 0) {
                    assertThat(p.header().timestamp() - lastTs).isEqualTo(1);
                }
                lastTs = p.header().timestamp();
            }
        }
        assertThat(gop.get(0).payload()[0] & 0x1F).isEqualTo(24);
        for (int i = 1; i < gop.size(); i++) {
            assertThat(gop.get(i).header().sequenceNumber()).isEqualTo((gop.get(i - 1).header().sequenceNumber() + 1)
                    & 0xFFFF);
        }

        // Live frames continue the timeline at the source pace.
        write(1);
        RtpPacket live = next(videoSsrc);
        assertThat(live.header().timestamp() - lastTs).isEqualTo(3000);
        assertThat(live.header().sequenceNumber()).isEqualTo((gop.getLast().header().sequenceNumber() + 1) & 0xFFFF);

        // NACK → RTX with the original sequence number in front of the payload.
        int lost = gop.get(3).header().sequenceNumber();
        viewer.sendRtcp(TransportLayerNack.of(1, (int) videoSsrc, List.of(lost)));
        RtpPacket rtx = next(rtxSsrc);
        assertThat(rtx.header().payloadType()).isEqualTo(109);
        assertThat(((rtx.payload()[0] & 0xFF) << 8) | (rtx.payload()[1] & 0xFF)).isEqualTo(lost);

        // PLI → a keyframe request to the publisher.
        viewer.sendRtcp(new PictureLossIndication(1, (int) videoSsrc));
        await().atMost(Duration.ofSeconds(5)).until(() -> keyframeRequests.get() >= 1);

        // Sender reports for the video SSRC.
        SenderReport sr = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sr == null && System.nanoTime() < deadline) {
            RtcpPacket p = viewer.rtcp.poll(1, TimeUnit.SECONDS);
            if (p instanceof SenderReport s && (s.ssrc() & 0xFFFFFFFFL) == videoSsrc) {
                sr = s;
            }
        }
        assertThat(sr).isNotNull();
        assertThat(sr.packetCount()).isGreaterThanOrEqualTo(gop.size());

        assertThat(egress.sessions()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("CONNECTED");
            assertThat(s.iceTransport()).isEqualTo("udp");
            assertThat(s.retransmits()).isEqualTo(1);
            assertThat(s.keyframeRequests()).isEqualTo(1);
        });
    }

    /**
     * Audio starts live: audio that is already old when the session's audio starts (what a transcoder started by
     * this viewer produces from the cached GOP) is skipped, so the browser does not buffer it and hold video back;
     * once audio flows nothing is skipped, so it has no gaps.
     */
    @Test
    void audioStartsLiveSkippingStaleFramesButNeverGapsAfterwards() throws Exception {
        publisher.setTrack(new Track(1, Codec.OPUS, 48_000, new CodecParameters.OpusParameters(2, 312, 48_000)));
        write(10);
        String answer = post();
        String audioSection = answer.substring(answer.indexOf("m=audio"));
        long audioSsrc = Long.parseLong(TestViewer.line(audioSection, "a=ssrc:").split(" ")[0]);
        long videoSsrc = Long.parseLong(TestViewer.line(answer, "a=ssrc-group:FID ").split(" ")[0]);
        viewer.connect(answer);
        next(videoSsrc); // connected and receiving
        long old = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);
        for (int i = 1; i <= 8; i++) {
            boolean stale = i <= 5 || i == 8;
            publisher.write(new Frame(1, i * 960L, i * 960L, true, new Payload.OpusPacket(new byte[] {(byte) 0xFC,
                    (byte) i, 0, 0}), stale ? old : System.nanoTime()));
        }
        List<Integer> received = new ArrayList<>();
        RtpPacket p;
        while (received.size() < 3 && (p = viewer.rtp.poll(5, TimeUnit.SECONDS)) != null) {
            if ((p.header().ssrc() & 0xFFFFFFFFL) == audioSsrc) {
                received.add((int) p.payload()[1]);
            }
        }
        assertThat(received).containsExactly(6, 7, 8);
    }

    /** Viewer and frame counters survive a second viewer joining the same stream. */
    @Test
    void aSecondViewerSharesTheStream() throws Exception {
        write(5);
        String answer = post();
        viewer.connect(answer);
        long ssrc1 = Long.parseLong(TestViewer.line(answer, "a=ssrc-group:FID ").split(" ")[0]);
        next(ssrc1);
        try (TestViewer second = new TestViewer()) {
            TestViewer first = viewer;
            viewer = second;
            String answer2 = post();
            second.connect(answer2);
            long ssrc2 = Long.parseLong(TestViewer.line(answer2, "a=ssrc-group:FID ").split(" ")[0]);
            assertThat(ssrc2).isNotEqualTo(ssrc1);
            RtpPacket firstOfSecond = next(ssrc2);
            assertThat(firstOfSecond.payload()[0] & 0x1F).as("starts with SPS/PPS").isEqualTo(24);
            viewer = first;
            second.close();
        }
        assertThat(egress.sessions()).hasSize(2);
    }

    @Test
    void aVideoCodecChangeEndsTheSessionSoThePlayerRenegotiates() throws Exception {
        write(3);
        String answer = post();
        viewer.connect(answer);
        next(Long.parseLong(TestViewer.line(answer, "a=ssrc-group:FID ").split(" ")[0]));
        publisher.setTrack(new Track(0, Codec.VP8, 90_000, new CodecParameters.VpxParameters(0, 8, 320, 180)));
        await().atMost(Duration.ofSeconds(5)).until(() -> egress.sessions().isEmpty());
    }

    private FullHttpResponse send(HttpMethod method, String uri, String type, String body) {
        EmbeddedChannel ch = new EmbeddedChannel(new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                egress.handle(ctx, req);
            }
        });
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body == null ? "" : body, StandardCharsets.UTF_8));
        if (type != null) {
            req.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        }
        ch.writeInbound(req);
        FullHttpResponse r = ch.readOutbound();
        ch.finishAndReleaseAll();
        return r;
    }

    @Test
    void serverOfferViewerThatChecksBeforeItsAnswerArrivesGetsTheGopAndRtx() throws Exception {
        write(10);
        FullHttpResponse created = send(HttpMethod.POST, "/live/m/whep", null, null);
        assertThat(created.status().code()).isEqualTo(201);
        String location = created.headers().get(HttpHeaderNames.LOCATION);
        String offer = created.content().toString(StandardCharsets.UTF_8);
        created.release();
        String[] fid = TestViewer.line(offer, "a=ssrc-group:FID ").split(" ");
        long videoSsrc = Long.parseLong(fid[0]);
        long rtxSsrc = Long.parseLong(fid[1]);
        String answer = viewer.answer(offer);
        int rtxPt = Integer.parseInt(answer.lines().filter(l -> l.contains(" apt=")).findFirst().orElseThrow()
                .substring(7).split(" ")[0]);

        // Like a browser: ICE checks and the DTLS ClientHello leave as soon as it has our offer, before the
        // PATCH with its answer reaches us. The check is answered; DTLS waits for the fingerprint.
        CompletableFuture<Void> connected = CompletableFuture.runAsync(() -> {
            try {
                viewer.connect(offer);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(connected).isNotDone();
        assertThat(egress.sessions()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("NEW"));

        FullHttpResponse patched = send(HttpMethod.PATCH, location, "application/sdp", answer);
        assertThat(patched.status().code()).as(patched.content().toString(StandardCharsets.UTF_8)).isEqualTo(204);
        patched.release();
        connected.get(10, TimeUnit.SECONDS);

        RtpPacket first = next(videoSsrc);
        assertThat(first.payload()[0] & 0x1F).isEqualTo(24); // the cached GOP starts with SPS/PPS
        int frames = first.header().marker() ? 1 : 0;
        RtpPacket p = first;
        while (frames < 10) {
            p = next(videoSsrc);
            if (p.header().marker()) {
                frames++;
            }
        }
        viewer.sendRtcp(TransportLayerNack.of(1, (int) videoSsrc, List.of(first.header().sequenceNumber())));
        RtpPacket rtx = next(rtxSsrc);
        assertThat(rtx.header().payloadType()).isEqualTo(rtxPt);
        assertThat(egress.sessions()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("CONNECTED"));
    }
}
