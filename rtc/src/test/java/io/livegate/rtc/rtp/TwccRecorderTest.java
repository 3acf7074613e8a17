package io.livegate.rtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.rtc.rtcp.RtcpPackets;
import io.livegate.rtc.rtcp.TransportWideCcFeedback;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwccRecorderTest {

    @Test
    void feedbackCoversNewPacketsWithLossesAndWraps() {
        TwccRecorder r = new TwccRecorder(1, 2);
        assertThat(r.feedback()).isEmpty();
        for (int i = 0; i < 50; i++) {
            if (i != 10) {
                r.received((65520 + i) & 0xFFFF, 5_000_000L + 2_000L * i);
            }
        }
        List<TransportWideCcFeedback> fb = r.feedback();
        assertThat(fb).hasSize(1);
        TransportWideCcFeedback f = (TransportWideCcFeedback) RtcpPackets.parseCompound(fb.get(0).toBytes()).get(0);
        assertThat(f.baseSequenceNumber()).isEqualTo(65520);
        assertThat(f.packetStatusCount()).isEqualTo(50);
        long[] t = f.arrivalTimesMicros();
        assertThat(t[10]).isEqualTo(-1);
        assertThat(t[11] - t[0]).isEqualTo(22_000);
        assertThat(f.feedbackPacketCount()).isZero();
        // Next round starts after the last reported packet; a late packet from before is ignored.
        r.received(65530, 5_200_000L); // the one lost above, too late
        r.received(34, 5_300_000L); // 65520 + 50 wrapped

        List<TransportWideCcFeedback> next = r.feedback();
        assertThat(next).hasSize(1);
        assertThat(next.get(0).baseSequenceNumber()).isEqualTo(34);
        assertThat(next.get(0).packetStatusCount()).isEqualTo(1);
        assertThat(next.get(0).feedbackPacketCount()).isEqualTo(1);
    }

    @Test
    void longGapsSplitFeedbackAndMemoryIsBounded() {
        TwccRecorder r = new TwccRecorder(1, 2, 64);
        r.received(0, 1_000_000);
        r.received(1, 20_000_000); // 19 s later: a large delta cannot express it
        assertThat(r.feedback()).hasSize(2);
        for (int i = 2; i < 1000; i++) {
            r.received(i, 20_000_000L + i * 1000L);
        }
        List<TransportWideCcFeedback> fb = r.feedback();
        assertThat(fb).hasSize(1);
        assertThat(fb.get(0).packetStatusCount()).isEqualTo(64);
        assertThat(fb.get(0).baseSequenceNumber()).isEqualTo(1000 - 64);
    }
}
