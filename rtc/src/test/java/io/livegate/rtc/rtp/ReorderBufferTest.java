package io.livegate.rtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {

    private static RtpPacket p(int seq) {
        return new RtpPacket(RtpHeader.of(false, 96, seq & 0xFFFF, 0, 1), new byte[0]);
    }

    private static List<Integer> seqs(List<RtpPacket> ps) {
        return ps.stream().map(x -> x.header().sequenceNumber()).toList();
    }

    @Test
    void reorderedPacketsComeOutInOrderAcrossWrap() {
        ReorderBuffer b = new ReorderBuffer(8);
        List<Integer> out = new ArrayList<>();
        for (int s : new int[] {65534, 0, 65535, 2, 1, 3}) {
            out.addAll(seqs(b.push(p(s))));
        }
        assertThat(out).containsExactly(65534, 65535, 0, 1, 2, 3);
        assertThat(b.holding()).isFalse();
    }

    @Test
    void aLossIsGivenUpWhenTheBufferOverflows() {
        ReorderBuffer b = new ReorderBuffer(4);
        assertThat(seqs(b.push(p(10)))).containsExactly(10);
        for (int s = 12; s <= 14; s++) {
            assertThat(b.push(p(s))).isEmpty(); // 11 is missing
        }
        assertThat(seqs(b.push(p(15)))).containsExactly(12, 13, 14, 15);
        assertThat(b.lost()).isEqualTo(1);
        assertThat(b.push(p(11))).isEmpty(); // too late now
        assertThat(b.dropped()).isEqualTo(1);
    }

    @Test
    void duplicatesAreDroppedAndFlushReleasesTheRest() {
        ReorderBuffer b = new ReorderBuffer(16);
        b.push(p(1));
        b.push(p(3));
        assertThat(b.push(p(3))).isEmpty();
        assertThat(b.dropped()).isEqualTo(1);
        assertThat(b.holding()).isTrue();
        assertThat(seqs(b.flush())).containsExactly(3);
        assertThat(b.lost()).isEqualTo(1);
    }
}
