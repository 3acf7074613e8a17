package io.livegate.rtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacketHistoryTest {

    private static RtpPacket packet(int seq) {
        return new RtpPacket(RtpHeader.of(false, 96, seq, 0, 1), new byte[] {(byte) seq});
    }

    @Test
    void keepsTheLastSizePacketsAcrossWrap() {
        PacketHistory h = new PacketHistory(8);
        for (int seq = 65530; seq < 65530 + 12; seq++) {
            h.add(packet(seq & 0xFFFF));
        }
        assertThat(h.get(65533)).isNull(); // overwritten
        assertThat(h.get(65534).sequenceNumber()).isEqualTo(65534);
        assertThat(h.get(5).payload()).containsExactly(5);
        assertThat(h.get(6)).isNull(); // never sent
        h.clear();
        assertThat(h.get(5)).isNull();
    }

    @Test
    void sizeMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new PacketHistory(1000)).isInstanceOf(IllegalArgumentException.class);
    }
}
