package io.livegate.hls.muxer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmenterTest {

    /** Feeds {@code frames} frames of {@code duration} ticks, keyframe every {@code gop}; returns the cut per frame. */
    private static List<Segmenter.Cut> run(Segmenter s, int frames, long duration, int gop) {
        List<Segmenter.Cut> cuts = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            cuts.add(s.next(i * duration, i % gop == 0, duration));
        }
        return cuts;
    }

    private static List<Integer> indexes(List<Segmenter.Cut> cuts, Segmenter.Cut kind) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) {
            if (cuts.get(i) == kind) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void thirtyFpsOneSecondGopGivesOneSecondSegmentsOfFiveParts() {
        List<Segmenter.Cut> cuts = run(new Segmenter(90_000, 18_000), 91, 3000, 30);
        assertThat(indexes(cuts, Segmenter.Cut.SEGMENT)).containsExactly(0, 30, 60, 90);
        assertThat(indexes(cuts, Segmenter.Cut.PART)).containsExactly(6, 12, 18, 24, 36, 42, 48, 54, 66, 72, 78, 84);
    }

    @Test
    void aLongerGopMakesALongerSegment() {
        List<Segmenter.Cut> cuts = run(new Segmenter(90_000, 18_000), 121, 3000, 60);
        assertThat(indexes(cuts, Segmenter.Cut.SEGMENT)).containsExactly(0, 60, 120);
    }

    @Test
    void shortGopsAreJoinedUpToTheTarget() {
        // Keyframes every 0.5 s: a segment takes two GOPs.
        List<Segmenter.Cut> cuts = run(new Segmenter(90_000, 18_000), 91, 3000, 15);
        assertThat(indexes(cuts, Segmenter.Cut.SEGMENT)).containsExactly(0, 30, 60, 90);
    }

    @Test
    void partsNeverExceedTheTargetAtOddFrameRates() {
        // 24 fps: 3750 ticks per frame, 200 ms = 18000 ticks holds 4 frames (15000), a fifth would make 18750.
        List<Segmenter.Cut> cuts = run(new Segmenter(90_000, 18_000), 48, 3750, 24);
        List<Integer> starts = new ArrayList<>(indexes(cuts, Segmenter.Cut.PART));
        starts.addAll(indexes(cuts, Segmenter.Cut.SEGMENT));
        starts.sort(null);
        for (int i = 1; i < starts.size(); i++) {
            assertThat((starts.get(i) - starts.get(i - 1)) * 3750L).isLessThanOrEqualTo(18_000);
        }
    }

    @Test
    void nothingStartsBeforeTheFirstKeyframeAndResetWaitsForTheNext() {
        Segmenter s = new Segmenter(90_000, 18_000);
        assertThat(s.next(0, false, 3000)).isEqualTo(Segmenter.Cut.NONE);
        assertThat(s.started()).isFalse();
        assertThat(s.next(3000, true, 3000)).isEqualTo(Segmenter.Cut.SEGMENT);
        s.reset();
        assertThat(s.next(6000, false, 3000)).isEqualTo(Segmenter.Cut.NONE);
        assertThat(s.next(9000, true, 3000)).isEqualTo(Segmenter.Cut.SEGMENT);
    }

    @Test
    void partTargetAboveSegmentTargetIsRefused() {
        assertThatThrownBy(() -> new Segmenter(1000, 2000)).isInstanceOf(IllegalArgumentException.class);
    }
}
