package io.livegate.hls.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SegmentStoreTest {

    private static long partId;

    private static void segment(SegmentStore store, long msn, int parts, int bytesPerPart, boolean disc) {
        store.open(msn, Instant.EPOCH, disc, "init.mp4");
        for (int i = 0; i < parts; i++) {
            store.addPart(new StoredPart(partId++, msn, i, 0.2, i == 0, new byte[bytesPerPart]));
        }
        store.completeOpen();
    }

    @Test
    void keepsTheWindowAndCountsDiscontinuitiesThatLeave() {
        SegmentStore store = new SegmentStore(3, new ByteBudget(1 << 20));
        for (int msn = 0; msn < 6; msn++) {
            segment(store, msn, 5, 100, msn == 1 || msn == 4);
        }
        assertThat(store.segments()).extracting(StoredSegment::msn).containsExactly(3L, 4L, 5L);
        assertThat(store.discontinuitySequence()).isEqualTo(1);
        assertThat(store.bytes()).isEqualTo(3 * 500);
        assertThat(store.segment(2)).isNull();
        assertThat(store.part(partId - 1)).isNotNull();
        assertThat(store.part(0)).isNull();
        assertThat(store.segment(5).duration()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(store.segment(5).chunks()).hasSize(5);
    }

    @Test
    void theByteBudgetIsSharedAndEvictsOldestFirst() {
        ByteBudget budget = new ByteBudget(10_000);
        SegmentStore video = new SegmentStore(10, budget);
        SegmentStore audio = new SegmentStore(10, budget);
        for (int msn = 0; msn < 10; msn++) {
            segment(video, msn, 5, 400, false);
            segment(audio, msn, 5, 40, false);
        }
        assertThat(budget.used()).isLessThanOrEqualTo(10_000);
        assertThat(budget.used()).isEqualTo(video.bytes() + audio.bytes());
        assertThat(video.completeSegments().size()).isBetween(1, 5);
        assertThat(video.lastComplete().msn()).isEqualTo(9);
        video.clear();
        assertThat(budget.used()).isEqualTo(audio.bytes());
    }

    @Test
    void theNewestSegmentStaysEvenOverBudget() {
        ByteBudget budget = new ByteBudget(1000);
        SegmentStore store = new SegmentStore(5, budget);
        segment(store, 0, 5, 400, false);
        segment(store, 1, 5, 400, false);
        assertThat(store.segments()).extracting(StoredSegment::msn).containsExactly(1L);
        assertThat(store.overBudget()).isTrue();
    }

    @Test
    void anEmptyOpenSegmentIsDropped() {
        SegmentStore store = new SegmentStore(5, new ByteBudget(1000));
        store.open(0, Instant.EPOCH, false, "i");
        assertThat(store.completeOpen()).isNull();
        assertThat(store.segments()).isEmpty();
    }
}
