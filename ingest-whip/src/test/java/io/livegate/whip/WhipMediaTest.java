package io.livegate.whip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livegate.codec.h264.H264Sps;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.rtc.rtcp.PictureLossIndication;
import io.livegate.rtc.rtcp.ReceiverReport;
import io.livegate.rtc.rtcp.RtcpPacket;
import io.livegate.rtc.rtcp.SenderReport;
import io.livegate.rtc.rtcp.TransportLayerNack;
import io.livegate.rtc.rtcp.TransportWideCcFeedback;
import io.livegate.rtc.rtp.RtpHeader;
import io.livegate.rtc.rtp.RtpHeaderExtension;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.rtp.Rtx;
import io.livegate.rtc.rtp.codec.H264Packetizer;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Java publisher (real ICE, DTLS and SRTP on loopback) sends H.264 with RTX and Opus with sender reports; the
 * bus must get an H.264 track from the in-band SPS/PPS, an Opus track, frames that start at a keyframe, and
 * audio and video on one timeline; a lost packet is NACKed and repaired over RTX.
 */
class WhipMediaTest {

    static final byte[] SPS = HexFormat.of().parseHex("6742c00dd90141fb0110000003001000000303c0f142a480");
    static final byte[] PPS = HexFormat.of().parseHex("68cb83cb20");
    /** Video starts 100 ms of capture time after audio; both RTP clocks start at arbitrary values. */
    static final long VIDEO_START_NANOS = 100_000_000L;
    static final long VIDEO_RTP_BASE = 1_234_567L;
    /** Audio RTP time wraps 2^32 about a second in. */
    static final long AUDIO_RTP_BASE = 0x1_0000_0000L - 48_000L;

    private WhipTestBed bed;
    private TestPublisher pub;

    @AfterEach
    void tearDown() {
        if (pub != null) {
            pub.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void publishesH264AndOpusOnOneTimelineAndRepairsLossOverRtx() throws Exception {
        bed = new WhipTestBed();
        pub = new TestPublisher();
        WhipTestBed.Reply r = bed.post("live/cam1", pub.offer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        pub.connect(r.body());
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.ingest.sessions().get(0).state().equals("CONNECTED"));

        H264Packetizer packetizer = new H264Packetizer(new CodecParameters.H264Parameters(List.of(SPS),
                List.of(PPS)));
        long ntpBase = SenderReport.ntpTimestamp(System.currentTimeMillis() * 1000);
        int videoSeq = 100;
        int audioSeq = 65_500; // wraps too
        int twcc = 0;
        Integer dropped = null;
        RtpPacket droppedPacket = null;
        long start = System.nanoTime();
        int audioFrames = 60;
        for (int step = 0; step < audioFrames; step++) {
            long captureNanos = step * 20_000_000L;
            pub.sendRtp(withTwcc(new RtpPacket(RtpHeader.of(true, 111, audioSeq++ & 0xFFFF,
                    (AUDIO_RTP_BASE + step * 960L) & 0xFFFFFFFFL, TestPublisher.AUDIO_SSRC), new byte[] {(byte) 0xFC,
                    1, 2, 3, (byte) step}), twcc++));
            // 30 fps video: frames at multiples of 33.3 ms that fall in this 20 ms step, after VIDEO_START.
            for (long v = 0; v < 100; v++) {
                long vNanos = VIDEO_START_NANOS + v * 1_000_000_000L / 30;
                if (vNanos < captureNanos || vNanos >= captureNanos + 20_000_000L) {
                    continue;
                }
                boolean key = v == 0;
                byte[] nal = new byte[key ? 4000 : 600];
                nal[0] = (byte) (key ? 0x65 : 0x41);
                nal[1] = (byte) 0x88;
                long ts = VIDEO_RTP_BASE + v * 3000;
                List<byte[]> payloads = packetizer.packetize(new Frame(0, ts, ts, key,
                        new Payload.NalUnits(List.of(nal)), 0));
                for (int k = 0; k < payloads.size(); k++) {
                    RtpPacket p = new RtpPacket(RtpHeader.of(k == payloads.size() - 1, 102, videoSeq++ & 0xFFFF, ts,
                            TestPublisher.VIDEO_SSRC), payloads.get(k));
                    if (v == 10 && k == 0) {
                        dropped = p.header().sequenceNumber(); // lost on the way: the server must NACK it
                        droppedPacket = p;
                        twcc++;
                        continue;
                    }
                    pub.sendRtp(withTwcc(p, twcc++));
                }
            }
            if (step == 5) {
                // Sender reports: one NTP clock for both tracks (capture time 100 ms after the audio start).
                long ntp = ntpBase + (100L << 32) / 1000;
                pub.sendRtcp(new SenderReport(TestPublisher.AUDIO_SSRC, ntp,
                        (AUDIO_RTP_BASE + 4800) & 0xFFFFFFFFL, 6, 30, List.of()));
                pub.sendRtcp(new SenderReport(TestPublisher.VIDEO_SSRC, ntp, VIDEO_RTP_BASE, 6, 3000, List.of()));
            }
            if (dropped != null && droppedPacket != null && step % 5 == 0) {
                int want = dropped;
                boolean nacked = pub.rtcp.stream().anyMatch(p -> p instanceof TransportLayerNack n
                        && n.lostSequenceNumbers().contains(want));
                if (nacked) {
                    pub.sendRtp(withTwcc(Rtx.wrap(droppedPacket, 103, TestPublisher.RTX_SSRC, 7), twcc++));
                    droppedPacket = null;
                }
            }
            long sleep = start + captureNanos + 20_000_000L - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
        }
        assertThat(droppedPacket).as("the lost packet was NACKed and repaired").isNull();
        await().atMost(Duration.ofSeconds(3)).until(() -> bed.registry.track(1).size() >= audioFrames - 2);

        Track video = bed.registry.tracks.stream().filter(t -> t.codec() == Codec.H264).findFirst().orElseThrow();
        Track audio = bed.registry.tracks.stream().filter(t -> t.codec() == Codec.OPUS).findFirst().orElseThrow();
        assertThat(video.id()).isZero();
        assertThat(audio.id()).isEqualTo(1);
        H264Sps sps = H264Sps.parse(((CodecParameters.H264Parameters) video.parameters()).sps().get(0));
        assertThat(sps.width()).isEqualTo(320);
        assertThat(sps.height()).isEqualTo(240);
        assertThat(audio.parameters()).isEqualTo(new CodecParameters.OpusParameters(2, 0, 48_000));

        List<Frame> v = bed.registry.track(0);
        List<Frame> a = bed.registry.track(1);
        assertThat(v.get(0).keyframe()).isTrue();
        assertThat(v).hasSizeGreaterThan(30);
        for (int i = 1; i < v.size(); i++) {
            assertThat(v.get(i).pts() - v.get(i - 1).pts()).as("video step at %d", i).isEqualTo(3000);
        }
        for (int i = 1; i < a.size(); i++) {
            assertThat(a.get(i).pts() - a.get(i - 1).pts()).as("audio step at %d (wraps)", i).isEqualTo(960);
        }
        // Lip sync: the first video frame was captured 100 ms after the first audio frame.
        double videoStart = v.get(0).pts() / 90_000.0;
        double audioStart = a.get(0).pts() / 48_000.0;
        assertThat((videoStart - audioStart) * 1000).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.5));
        assertThat(bed.registry.frames.get(0).trackId()).as("the earliest frame is written first").isEqualTo(1);

        List<RtcpPacket> fb = new ArrayList<>(pub.rtcp);
        assertThat(fb).anyMatch(p -> p instanceof PictureLossIndication pli
                && pli.mediaSsrc() == TestPublisher.VIDEO_SSRC);
        assertThat(fb).anyMatch(p -> p instanceof TransportWideCcFeedback);
        assertThat(fb).anyMatch(p -> p instanceof ReceiverReport rr && rr.reports().stream()
                .anyMatch(b -> b.ssrc() == TestPublisher.VIDEO_SSRC));

        WhipSessionInfo info = bed.ingest.sessions().get(0);
        assertThat(info.retransmitsIn()).isEqualTo(1);
        assertThat(info.lostForGood()).isZero();
        assertThat(info.framesSkipped()).isZero();
        assertThat(info.lipSync()).isEqualTo("audio=sender_report,video=sender_report");
        assertThat(info.keyframeRequests()).isPositive();

        assertThat(bed.request(HttpMethod.DELETE, r.header("Location"), null, null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.registry.closed);
    }

    @Test
    void theBusCanAskForAKeyframeAndASilentPublisherTimesOut() throws Exception {
        bed = new WhipTestBed(WhipConfig.DEFAULTS.withMediaTimeout(Duration.ofSeconds(1))
                .withKeyframeRequestInterval(Duration.ofMillis(100)), io.livegate.router.RouterConfig.DEFAULTS,
                io.livegate.router.PublishHook.ALLOW_ALL);
        pub = new TestPublisher();
        WhipTestBed.Reply r = bed.post("live/cam1", pub.offer());
        pub.connect(r.body());
        await().atMost(Duration.ofSeconds(5)).until(() -> pub.rtcp.stream()
                .anyMatch(p -> p instanceof PictureLossIndication));
        Thread.sleep(150);
        pub.rtcp.clear();
        bed.registry.controls.get(0).requestKeyframe();
        await().atMost(Duration.ofSeconds(2)).until(() -> pub.rtcp.stream()
                .anyMatch(p -> p instanceof PictureLossIndication));
        // No RTP at all: the session ends after the media timeout, and with it the publisher.
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.registry.closed);
        assertThat(bed.ingest.sessions()).isEmpty();
    }

    @Test
    void aPublisherWithoutKeyframesIsAskedForOneEveryKeyframeInterval() throws Exception {
        bed = new WhipTestBed(WhipConfig.DEFAULTS.withKeyframeInterval(Duration.ofMillis(300))
                .withKeyframeRequestInterval(Duration.ofMillis(100)).withSyncHold(Duration.ZERO),
                io.livegate.router.RouterConfig.DEFAULTS, io.livegate.router.PublishHook.ALLOW_ALL);
        pub = new TestPublisher();
        WhipTestBed.Reply r = bed.post("live/cam1", pub.offer());
        pub.connect(r.body());
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.ingest.sessions().get(0).state().equals("CONNECTED"));
        H264Packetizer packetizer = new H264Packetizer(new CodecParameters.H264Parameters(List.of(SPS),
                List.of(PPS)));
        int seq = 0;
        for (int v = 0; v < 30; v++) {
            byte[] nal = {(byte) (v == 0 ? 0x65 : 0x41), (byte) 0x88, 1, 2};
            List<byte[]> payloads = packetizer.packetize(new Frame(0, v * 3000L, v * 3000L, v == 0,
                    new Payload.NalUnits(List.of(nal)), 0));
            for (int k = 0; k < payloads.size(); k++) {
                pub.sendRtp(new RtpPacket(RtpHeader.of(k == payloads.size() - 1, 102, seq++, v * 3000L,
                        TestPublisher.VIDEO_SSRC), payloads.get(k)));
            }
            if (v == 0) {
                await().atMost(Duration.ofSeconds(2)).until(() -> bed.registry.track(0).size() == 1);
                pub.rtcp.clear();
            }
            Thread.sleep(33);
        }
        long plis = pub.rtcp.stream().filter(p -> p instanceof PictureLossIndication).count();
        assertThat(plis).as("about 1 s without a keyframe, interval 300 ms").isBetween(2L, 10L);
        assertThat(bed.registry.track(0)).hasSize(30);
    }

    private static RtpPacket withTwcc(RtpPacket p, int seq) {
        return new RtpPacket(p.header().withExtensions(List.of(new RtpHeaderExtension(3,
                new byte[] {(byte) (seq >> 8), (byte) seq}))), p.payload());
    }
}
