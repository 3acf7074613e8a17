package io.livegate.whip.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpTimestampUnwrapperTest {

    @Test
    void extendsAcrossTheWrapAndToleratesReordering() {
        RtpTimestampUnwrapper u = new RtpTimestampUnwrapper();
        assertThat(u.peek(10)).isEqualTo(10);
        assertThat(u.unwrap(0xFFFF_FF00L)).isEqualTo(0xFFFF_FF00L);
        assertThat(u.unwrap(0x100)).isEqualTo(0x1_0000_0100L);
        assertThat(u.unwrap(0xFFFF_FFF0L)).as("late packet from before the wrap").isEqualTo(0xFFFF_FFF0L);
        assertThat(u.unwrap(0x200)).isEqualTo(0x1_0000_0200L);
        assertThat(u.peek(0xFFFF_FF00L)).isEqualTo(0xFFFF_FF00L);
        assertThat(u.started()).isTrue();
    }
}
