package io.livegate.whep.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.media.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

class AudioPacerTest {

    private static final long MS = 1_000_000L;

    /** A clock and a scheduler the test moves by hand. */
    private final class Manual implements AudioPacer.Scheduler {
        long now = 1_000 * MS;
        private record Task(long at, Runnable r) {
        }
        private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));

        @Override
        public void schedule(Runnable task, long delayNanos) {
            tasks.add(new Task(now + Math.max(0, delayNanos), task));
        }

        void advanceTo(long t) {
            while (!tasks.isEmpty() && tasks.peek().at <= t) {
                Task x = tasks.poll();
                now = x.at;
                x.r.run();
            }
            now = t;
        }
    }

    private final Manual m = new Manual();
    private final List<long[]> sent = new ArrayList<>(); // {opus timestamp, send time}
    private final AudioPacer pacer = new AudioPacer(() -> m.now, m,
            f -> sent.add(new long[] {f.timestamp(), m.now}));

    private static PacketizedFrame opus(long n) {
        return new PacketizedFrame(1, Codec.OPUS, n * 960, true, List.of(new byte[] {1}), 0);
    }

    @Test
    void aBurstIsSpreadOverItsOwnDuration() {
        long start = m.now;
        for (int i = 0; i < 9; i++) {
            pacer.offer(opus(i), 48_000); // 180 ms of audio arriving at once
        }
        assertThat(sent).hasSize(1);
        m.advanceTo(start + 200 * MS);
        assertThat(sent).hasSize(9);
        for (int i = 0; i < 9; i++) {
            assertThat(sent.get(i)[1] - start).isEqualTo(i * 20 * MS);
        }
        // The next burst arrives on time: its first frame goes out at once, the rest 20 ms apart.
        for (int i = 9; i < 18; i++) {
            pacer.offer(opus(i), 48_000);
        }
        assertThat(sent.get(9)[1] - start).isEqualTo(200 * MS);
        m.advanceTo(start + 400 * MS);
        assertThat(sent.get(17)[1] - start).isEqualTo(340 * MS);
        assertThat(pacer.reanchors()).isZero();
    }

    @Test
    void steadyAudioPassesWithoutDelay() {
        for (int i = 0; i < 50; i++) {
            pacer.offer(opus(i), 48_000);
            assertThat(sent).hasSize(i + 1);
            assertThat(sent.get(i)[1]).isEqualTo(m.now);
            m.advanceTo(m.now + 20 * MS);
        }
        assertThat(pacer.held()).isZero();
    }

    @Test
    void lateAudioIsNeverHeldAndMovesTheTimeline() {
        pacer.offer(opus(0), 48_000);
        m.advanceTo(m.now + 500 * MS); // a stall: frame 1 is 480 ms late
        pacer.offer(opus(1), 48_000);
        assertThat(sent).hasSize(2);
        assertThat(pacer.reanchors()).isEqualTo(1);
        pacer.offer(opus(2), 48_000); // due 20 ms after frame 1 on the new timeline
        assertThat(sent).hasSize(2);
        m.advanceTo(m.now + 20 * MS);
        assertThat(sent).hasSize(3);
    }

    @Test
    void nothingIsHeldLongerThanTheBoundEvenForABacklogOrJump() {
        pacer.offer(opus(0), 48_000);
        long t = m.now;
        pacer.offer(opus(1000), 48_000); // 20 s ahead: a jump or a backlog, not a burst
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)[1]).isEqualTo(t);
        assertThat(pacer.reanchors()).isEqualTo(1);
    }

    @Test
    void aLateFirstFrameDoesNotDelayEverythingAfterIt() {
        long t0 = m.now;
        pacer.offer(opus(0), 48_000);          // delayed by 200 ms: the anchor is 200 ms late
        m.advanceTo(t0 + 20 * MS);
        int n = 11;
        List<long[]> offered = new ArrayList<>();
        for (int k = 0; k < 4 * AudioPacer.WINDOW_FRAMES; k++, n++) {
            offered.add(new long[] {n * 960L, m.now});
            pacer.offer(opus(n), 48_000);      // the rest arrive on their real timeline: 200 ms before "due"
            m.advanceTo(m.now + 20 * MS);
        }
        m.advanceTo(m.now + 400 * MS);
        // Early on every frame waited ~200 ms; once the anchor has moved back, frames leave as they arrive.
        long firstHold = sendTime(offered.get(0)[0]) - offered.get(0)[1];
        assertThat(firstHold).isEqualTo(200 * MS);
        for (long[] o : offered.subList(3 * AudioPacer.WINDOW_FRAMES, offered.size())) {
            assertThat(sendTime(o[0]) - o[1]).as("hold of frame %d", o[0] / 960).isLessThanOrEqualTo(2 * MS);
        }
    }

    private long sendTime(long timestamp) {
        return sent.stream().filter(x -> x[0] == timestamp).findFirst().orElseThrow()[1];
    }

    @Test
    void aFloodOfFramesIsNeverHeldWithoutBound() {
        for (int i = 0; i < 10_000; i++) {
            pacer.offer(opus(0), 48_000); // first frame anchors; the rest are never due later than 300 ms
            pacer.offer(new PacketizedFrame(1, Codec.OPUS, 14_000, true, List.of(new byte[] {1}), 0), 48_000);
        }
        assertThat(pacer.held()).isLessThanOrEqualTo(AudioPacer.MAX_HELD_FRAMES);
        assertThat(sent.size() + pacer.held()).isEqualTo(20_000);
    }
}
