package io.livegate.whip.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.media.Codec;
import io.livegate.media.Payload;
import io.livegate.rtc.rtp.RtpHeader;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.rtp.Rtx;
import io.livegate.rtc.rtp.codec.DepacketizerLimits;
import io.livegate.rtc.sdp.NegotiatedCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One track's receive path: RTX unwrap, reordering, NACK, giving up on a gap, padding. */
class InboundTrackTest {

    static final int SSRC = 0x1234;
    static final int RTX_SSRC = 0x5678;
    static final long MS = 1_000_000L;

    private final List<String> events = new ArrayList<>();
    private final InboundTrack.FrameSink sink = new InboundTrack.FrameSink() {
        @Override
        public void frame(InboundTrack track, long rtpTimestamp, boolean keyframe, Payload payload) {
            events.add("frame " + rtpTimestamp + (keyframe ? " key" : ""));
        }

        @Override
        public void lost(InboundTrack track) {
            events.add("lost");
        }
    };
    private InboundTrack track;

    @BeforeEach
    void setUp() {
        track = new InboundTrack(0, "1", new NegotiatedCodec(Codec.H264, 102, 90_000, 0,
                Map.of("packetization-mode", "1"), 103), true, DepacketizerLimits.DEFAULT);
        track.mediaSsrc = SSRC;
        track.mediaSsrcKnown = true;
    }

    /** Frame n: one single-NAL packet, sequence 100 + n, timestamp 3000 n; frame 0 is an IDR. */
    private static RtpPacket packet(int n) {
        byte[] nal = {(byte) (n == 0 ? 0x65 : 0x41), (byte) 0x88, (byte) n};
        return new RtpPacket(RtpHeader.of(true, 102, 100 + n, 3000L * n, SSRC), nal);
    }

    @Test
    void aLostPacketIsNackedAndRepairedOverRtxInOrder() {
        track.receive(packet(0), false, 0, sink);
        track.receive(packet(1), false, 1 * MS, sink);
        track.receive(packet(3), false, 3 * MS, sink); // 2 is missing: 3 waits
        assertThat(events).containsExactly("frame 0 key", "frame 3000");
        assertThat(track.dueNacks(4 * MS)).containsExactly(102);
        assertThat(track.dueNacks(5 * MS)).as("not again before the retry interval").isEmpty();
        track.receive(Rtx.wrap(packet(2), 103, RTX_SSRC, 9), true, 20 * MS, sink);
        assertThat(events).containsExactly("frame 0 key", "frame 3000", "frame 6000", "frame 9000");
        assertThat(track.rtxPackets).isEqualTo(1);
        assertThat(track.lostForGood).isZero();
        assertThat(track.nackedSequences).isEqualTo(1);
    }

    @Test
    void aGapHeldTooLongIsGivenUpAndReportedBeforeTheNextFrame() {
        track.receive(packet(0), false, 0, sink);
        track.receive(packet(2), false, 2 * MS, sink);
        track.expire(100 * MS, sink);
        assertThat(events).containsExactly("frame 0 key");
        track.expire(2 * MS + InboundTrack.VIDEO_HOLD_NANOS, sink);
        assertThat(events).containsExactly("frame 0 key", "lost", "frame 6000");
        assertThat(track.lostForGood).isEqualTo(1);
        track.receive(packet(1), false, 500 * MS, sink);
        assertThat(events).as("too late: dropped").hasSize(3);
    }

    @Test
    void paddingKeepsTheSequenceAndCarriesNothing() {
        track.receive(packet(0), false, 0, sink);
        track.receive(new RtpPacket(RtpHeader.of(false, 102, 101, 0, SSRC), new byte[0], 200), false, MS, sink);
        track.receive(new RtpPacket(RtpHeader.of(false, 103, 7, 0, RTX_SSRC), new byte[0], 255), true, MS, sink);
        RtpPacket p2 = packet(2);
        track.receive(new RtpPacket(p2.header().withSequenceAndTimestamp(102, 6000), p2.payload()), false, 2 * MS,
                sink);
        assertThat(events).containsExactly("frame 0 key", "frame 6000");
        assertThat(track.paddingPackets).isEqualTo(2);
        assertThat(track.dueNacks(10 * MS)).isEmpty();
    }

    @Test
    void aResetStartsOverFromTheNextPacket() {
        track.receive(packet(0), false, 0, sink);
        track.receive(packet(2), false, MS, sink);
        track.reset();
        track.receive(new RtpPacket(RtpHeader.of(true, 102, 40_000, 90_000, SSRC), new byte[] {0x65, 1}), false,
                2 * MS, sink);
        assertThat(events).containsExactly("frame 0 key", "frame 90000 key");
    }
}
