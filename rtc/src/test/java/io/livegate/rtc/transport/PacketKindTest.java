package io.livegate.rtc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacketKindTest {
    @Test
    void rfc7983Ranges() {
        for (int b = 0; b <= 255; b++) {
            PacketKind expected = b <= 3 ? PacketKind.STUN
                    : b >= 20 && b <= 63 ? PacketKind.DTLS
                    : b >= 128 && b <= 191 ? PacketKind.RTP
                    : PacketKind.UNKNOWN;
            assertThat(PacketKind.of(b)).as("first byte %d", b).isEqualTo(expected);
        }
        assertThat(PacketKind.of(16)).isEqualTo(PacketKind.UNKNOWN); // ZRTP
        assertThat(PacketKind.of(64)).isEqualTo(PacketKind.UNKNOWN); // TURN channel
    }
}
