package io.livegate.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.media.Frame;
import io.livegate.media.Payload;
import org.junit.jupiter.api.Test;

class TimestampRebaserTest {

    private final TimestampRebaser rebaser = new TimestampRebaser(10_000_000);

    private static Frame f(int track, long pts, long dts) {
        return new Frame(track, pts, dts, true, new Payload.AacFrame(new byte[1]), 0);
    }

    /** The timeline's origin in a 90 kHz / 48 kHz clock. */
    private static final long V0 = TimestampRebaser.ORIGIN_US * 90 / 1000;
    private static final long A0 = TimestampRebaser.ORIGIN_US * 48 / 1000;

    @Test
    void firstFrameStartsAtTheOriginAndTracksShareTheOffset() {
        assertThat(rebaser.rebase(f(0, 900_000, 900_000), 90_000).frame().dts()).isEqualTo(V0);
        // audio 100 ms later in the same publisher clock
        assertThat(rebaser.rebase(f(1, 484_800, 484_800), 48_000).frame().dts()).isEqualTo(A0 + 4_800);
    }

    @Test
    void compositionOffsetIsKept() {
        Frame out = rebaser.rebase(f(0, 906_000, 900_000), 90_000).frame();
        assertThat(out.dts()).isEqualTo(V0);
        assertThat(out.pts()).isEqualTo(V0 + 6_000);
    }

    @Test
    void backwardsStepIsClampedToStayMonotonic() {
        rebaser.rebase(f(0, 3000, 3000), 90_000);
        rebaser.rebase(f(0, 6000, 6000), 90_000);
        Frame out = rebaser.rebase(f(0, 4000, 4000), 90_000).frame();
        assertThat(out.dts()).isEqualTo(V0 + 3001);
        assertThat(out.pts()).isGreaterThanOrEqualTo(out.dts());
    }

    @Test
    void largeJumpReanchorsTheTrack() {
        rebaser.rebase(f(0, 0, 0), 90_000);
        TimestampRebaser.Result r = rebaser.rebase(f(0, 90_000L * 3600, 90_000L * 3600), 90_000);
        assertThat(r.jumped()).isTrue();
        assertThat(r.frame().dts()).isEqualTo(V0 + 1800);
        assertThat(rebaser.rebase(f(0, 90_000L * 3600 + 3000, 90_000L * 3600 + 3000), 90_000).frame().dts())
                .isEqualTo(V0 + 4800);
    }

    /**
     * ffmpeg's MPEG-TS: video (pts 1.421333 s) arrives before audio whose first frame is 1024 samples older
     * (pts 1.400 s). The audio keeps the session's offset: A/V stays as the publisher stamped it.
     */
    @Test
    void trackStartingBeforeTheFirstFrameKeepsTheSessionOffset() {
        rebaser.rebase(f(0, 127_920, 127_920), 90_000);
        assertThat(rebaser.rebase(f(1, 67_200, 67_200), 48_000).frame().dts()).isEqualTo(A0 - 1024);
        assertThat(rebaser.rebase(f(1, 68_224, 68_224), 48_000).frame().dts()).isEqualTo(A0);
    }

    @Test
    void aTrackStartingMoreThanTheOriginEarlyIsShiftedToStayNonNegative() {
        rebaser.rebase(f(0, 10 * 90_000, 10 * 90_000), 90_000);
        assertThat(rebaser.rebase(f(1, 47_000, 47_000), 48_000).frame().dts()).isZero();
        assertThat(rebaser.rebase(f(1, 48_024, 48_024), 48_000).frame().dts()).isEqualTo(1024);
    }

    @Test
    void newSessionContinuesAfterTheOldTimeline() {
        rebaser.rebase(f(0, 0, 0), 90_000);
        rebaser.rebase(f(0, 90_000, 90_000), 90_000);
        rebaser.newSession();
        Frame out = rebaser.rebase(f(0, 5_000_000, 5_000_000), 90_000).frame();
        assertThat(out.dts()).isEqualTo(V0 + 90_000 + TimestampRebaser.SESSION_GAP_US * 90 / 1000);
    }

    @Test
    void scaleIsExactForLargeValues() {
        assertThat(TimestampRebaser.toUs(90_000L * 86_400 * 365, 90_000)).isEqualTo(1_000_000L * 86_400 * 365);
        assertThat(TimestampRebaser.fromUs(-1_000_000, 48_000)).isEqualTo(-48_000);
    }
}
