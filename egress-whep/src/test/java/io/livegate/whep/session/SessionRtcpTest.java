package io.livegate.whep.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.media.Codec;
import io.livegate.rtc.rtcp.FullIntraRequest;
import io.livegate.rtc.rtcp.PictureLossIndication;
import io.livegate.rtc.rtcp.ReceiverEstimatedMaximumBitrate;
import io.livegate.rtc.rtcp.ReceiverReport;
import io.livegate.rtc.rtcp.ReceptionReport;
import io.livegate.rtc.rtcp.RtcpException;
import io.livegate.rtc.rtcp.RtcpPacket;
import io.livegate.rtc.rtcp.RtcpPackets;
import io.livegate.rtc.rtcp.SenderReport;
import io.livegate.rtc.rtcp.SourceDescription;
import io.livegate.rtc.rtcp.TransportLayerNack;
import io.livegate.rtc.sdp.NegotiatedCodec;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionRtcpTest {

    /** Records what RTCP asks of the session. */
    static final class Fake implements SessionRtcp.Actions {
        final OutboundTrack video = new OutboundTrack("video", 90_000);
        final OutboundTrack audio = new OutboundTrack("audio", 48_000);
        final List<Integer> retransmitted = new ArrayList<>();
        final List<byte[]> sent = new ArrayList<>();
        int keyframes;

        Fake() {
            video.bind(new NegotiatedCodec(Codec.H264, 108, 90_000, 0, Map.of(), 109));
            audio.bind(new NegotiatedCodec(Codec.OPUS, 111, 48_000, 2, Map.of(), -1));
        }

        public String id() {
            return "cname1";
        }

        public OutboundTrack video() {
            return video;
        }

        public OutboundTrack audio() {
            return audio;
        }

        public void retransmit(OutboundTrack track, int seq) {
            retransmitted.add(seq);
        }

        public void requestKeyframe() {
            keyframes++;
        }

        public void sendRtcp(byte[] compound) {
            sent.add(compound);
        }
    }

    private static void feed(SessionRtcp rtcp, long now, RtcpPacket... packets) {
        rtcp.onRtcp(Unpooled.wrappedBuffer(RtcpPackets.writeCompound(List.of(packets))), now);
    }

    @Test
    void nackRetransmitsEachLostPacketOfOurSsrc() {
        Fake s = new Fake();
        SessionRtcp rtcp = new SessionRtcp(s, Duration.ofSeconds(1));
        feed(rtcp, 0, TransportLayerNack.of(1, s.video.ssrc, List.of(100, 101, 105)));
        feed(rtcp, 0, TransportLayerNack.of(1, 12345, List.of(7))); // not ours
        assertThat(s.retransmitted).containsExactly(100, 101, 105);
        assertThat(rtcp.nacks()).isEqualTo(3);
    }

    @Test
    void retransmitsAreCappedPerSecond() {
        Fake s = new Fake();
        SessionRtcp rtcp = new SessionRtcp(s, Duration.ofSeconds(1));
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            lost.add(i);
        }
        feed(rtcp, 5, TransportLayerNack.of(1, s.video.ssrc, lost));
        feed(rtcp, 6, TransportLayerNack.of(1, s.video.ssrc, lost));
        assertThat(s.retransmitted).hasSize(SessionRtcp.MAX_RETRANSMITS_PER_SECOND);
        feed(rtcp, 1_000_000_006L, TransportLayerNack.of(1, s.video.ssrc, List.of(1)));
        assertThat(s.retransmitted).hasSize(SessionRtcp.MAX_RETRANSMITS_PER_SECOND + 1);
    }

    @Test
    void pliAndFirAreRateLimitedKeyframeRequests() {
        Fake s = new Fake();
        SessionRtcp rtcp = new SessionRtcp(s, Duration.ofSeconds(1));
        feed(rtcp, 1_000, new PictureLossIndication(1, s.video.ssrc));
        feed(rtcp, 2_000, FullIntraRequest.of(1, s.video.ssrc, 1));
        assertThat(s.keyframes).isEqualTo(1);
        feed(rtcp, 1_000_001_000L, new PictureLossIndication(1, s.video.ssrc));
        assertThat(s.keyframes).isEqualTo(2);
        assertThat(rtcp.keyframeRequests()).isEqualTo(3);
    }

    @Test
    void receiverReportsGiveLossJitterAndRtt() {
        Fake s = new Fake();
        SessionRtcp rtcp = new SessionRtcp(s, Duration.ofSeconds(1));
        long lsr = (SessionRtcp.ntpNow() >>> 16) & 0xFFFFFFFFL;
        feed(rtcp, 0, new ReceiverReport(1, List.of(new ReceptionReport(s.video.ssrc, 64, 10, 1000, 90, lsr, 0))),
                new ReceiverEstimatedMaximumBitrate(1, 0, 2_000_000, List.of(s.video.ssrc)));
        assertThat(rtcp.fractionLost()).isEqualTo(0.25);
        assertThat(rtcp.jitter()).isEqualTo(90);
        assertThat(rtcp.rttMillis()).isBetween(0.0, 1000.0);
        assertThat(rtcp.remb()).isEqualTo(2_000_000);
    }

    @Test
    void sendsSenderReportsAndCnameForTracksThatSent() {
        Fake s = new Fake();
        SessionRtcp rtcp = new SessionRtcp(s, Duration.ofSeconds(1));
        rtcp.sendReports(0);
        assertThat(s.sent).isEmpty();
        s.video.next(new byte[] {1, 2, 3}, true, 0, 0);
        rtcp.sendReports(0);
        List<RtcpPacket> packets = RtcpPackets.parseCompound(s.sent.get(0));
        assertThat(packets.get(0)).isInstanceOfSatisfying(SenderReport.class, sr -> {
            assertThat(sr.ssrc()).isEqualTo(s.video.ssrc);
            assertThat(sr.packetCount()).isEqualTo(1);
            assertThat(sr.octetCount()).isEqualTo(3);
        });
        assertThat(packets.get(1)).isInstanceOf(SourceDescription.class);
    }

    @Test
    void malformedRtcpFailsWithTheNamedException() {
        Fake s = new Fake();
        SessionRtcp rtcp = new SessionRtcp(s, Duration.ofSeconds(1));
        // WhepSession.onPacket counts and drops it; only RtcpException may come out.
        assertThatThrownBy(() -> rtcp.onRtcp(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 201, 0, 50}),
                0)).isInstanceOf(RtcpException.class);
        assertThat(s.retransmitted).isEmpty();
    }
}
