package io.livegate.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionStatsTest {

    private static final long S = 1_000_000_000L;

    @Test
    void ratesAreMeasuredPerSecondWindow() {
        SessionStats s = new SessionStats("rtmp", "127.0.0.1:1", 0);
        for (int i = 0; i < 30; i++) {
            s.videoFrame(i * 33L, i % 15 == 0);
            s.bytes((i + 1) * 10_000L, i * S / 30);
        }
        assertThat(s.info().frameRate()).isZero(); // no full second yet
        s.bytes(312_500L, S); // one second: 312500 bytes = 2.5 Mbit/s
        RtmpSessionInfo info = s.info();
        assertThat(info.bitrate()).isEqualTo(2_500_000L);
        assertThat(info.frameRate()).isEqualTo(30.0);
        assertThat(info.keyframeIntervalSeconds()).isEqualTo(0.495);
        assertThat(info.bytesIn()).isEqualTo(312_500L);
        // the next window starts where the last ended
        for (int i = 30; i < 45; i++) {
            s.videoFrame(i * 33L, false);
        }
        s.bytes(312_500L + 125_000L, 3 * S);
        assertThat(s.info().frameRate()).isEqualTo(7.5);
        assertThat(s.info().bitrate()).isEqualTo(500_000L);
    }
}
