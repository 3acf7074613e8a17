package io.livegate.rtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RtxAndTimestampTest {

    @Test
    void rtxWrapsAndUnwraps() {
        RtpPacket original = new RtpPacket(RtpHeader.of(true, 102, 4321, 90000, 0x1111)
                .withExtensions(List.of(new RtpHeaderExtension(3, new byte[] {1, 2}))), new byte[] {9, 8, 7});
        RtpPacket rtx = Rtx.wrap(original, 103, 0x2222, 7);
        assertThat(rtx.header().payloadType()).isEqualTo(103);
        assertThat(rtx.header().ssrc()).isEqualTo(0x2222);
        assertThat(rtx.header().sequenceNumber()).isEqualTo(7);
        assertThat(rtx.payload()).containsExactly(0x10, 0xE1, 9, 8, 7);
        assertThat(Rtx.unwrap(RtpPacket.parse(rtx.toBytes()), 102, 0x1111)).isEqualTo(original);
        assertThat(Rtx.unwrap(new RtpPacket(RtpHeader.of(false, 103, 8, 0, 0x2222), new byte[0], 0), 102, 1)).isNull();
    }

    @Test
    void timestampsUnwrapAcrossTheWrapBothWays() {
        RtpTimestampUnwrapper u = new RtpTimestampUnwrapper();
        assertThat(u.unwrap(0xFFFFFF00L)).isEqualTo(0xFFFFFF00L);
        assertThat(u.unwrap(0x00000100L)).isEqualTo(0x100000100L);
        assertThat(u.unwrap(0xFFFFFFF0L)).isEqualTo(0xFFFFFFF0L); // a late B-frame from before the wrap
        assertThat(u.unwrap(0x00000200L)).isEqualTo(0x100000200L);
    }

    @Test
    void peekDoesNotRecordAndLatePacketsKeepTheReference() {
        RtpTimestampUnwrapper u = new RtpTimestampUnwrapper();
        assertThat(u.started()).isFalse();
        assertThat(u.peek(10)).isEqualTo(10);
        assertThat(u.started()).isFalse();
        assertThat(u.unwrap(0xFFFF_FF00L)).isEqualTo(0xFFFF_FF00L);
        assertThat(u.unwrap(0x100)).isEqualTo(0x1_0000_0100L);
        assertThat(u.peek(0xFFFF_FF00L)).isEqualTo(0xFFFF_FF00L);
        assertThat(u.peek(0x300)).isEqualTo(0x1_0000_0300L);
        // a packet 2^30 late must not drag the reference back: the next one is read against the highest
        assertThat(u.unwrap(0x100 - 0x4000_0000L)).isEqualTo(0x1_0000_0100L - 0x4000_0000L);
        assertThat(u.unwrap(0x4000_0200L)).isEqualTo(0x1_4000_0200L);
        assertThat(u.started()).isTrue();
        u.reset();
        assertThat(u.started()).isFalse();
        assertThat(u.unwrap(5)).isEqualTo(5);
    }
}
