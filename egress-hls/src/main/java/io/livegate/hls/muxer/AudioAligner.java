package io.livegate.hls.muxer;

import io.livegate.media.Frame;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BiConsumer;

/**
 * Lines audio up with the video's cuts. The video decides where parts and segments end; an audio frame can only
 * be placed once the video has passed its time (a boundary before it may still come), so audio waits here until
 * then. Each audio frame is released with the cut that precedes it: the first frame at or past a boundary starts
 * the next part (or segment). Bounded: past {@link #MAX_BACKLOG} frames (the video stalled) audio is released
 * without waiting.
 */
final class AudioAligner {

    /** About 10 s of AAC. */
    static final int MAX_BACKLOG = 512;
    /** About 3 minutes of 200 ms parts: an audio track that stopped sending does not make this grow. */
    static final int MAX_BOUNDARIES = 1024;

    private record Boundary(long us, boolean segment) {
    }

    private final Deque<Boundary> boundaries = new ArrayDeque<>();
    private final Deque<Frame> backlog = new ArrayDeque<>();
    private long videoWatermarkUs = Long.MIN_VALUE;

    /** The video cut at {@code us} (a part or segment boundary). */
    void boundary(long us, boolean segment) {
        boundaries.addLast(new Boundary(us, segment));
        if (boundaries.size() > MAX_BOUNDARIES) {
            boundaries.removeFirst();
        }
    }

    /** The video has been placed up to {@code us}: every boundary before it is known. */
    void videoAt(long us) {
        videoWatermarkUs = us;
    }

    /** Queues an audio frame; returns true when the backlog is over its bound. */
    boolean offer(Frame audio) {
        backlog.addLast(audio);
        return backlog.size() > MAX_BACKLOG;
    }

    /** Releases the frames whose cut is known (all of them when {@code all}), in order, with their cut. */
    void drain(boolean all, int timescale, BiConsumer<Frame, Segmenter.Cut> out) {
        while (!backlog.isEmpty()) {
            Frame a = backlog.peekFirst();
            long us = HlsMuxer.toUs(a.dts(), timescale);
            if (!all && us >= videoWatermarkUs) {
                return;
            }
            backlog.removeFirst();
            Segmenter.Cut cut = Segmenter.Cut.NONE;
            while (!boundaries.isEmpty() && boundaries.peekFirst().us() <= us) {
                Boundary b = boundaries.removeFirst();
                if (b.segment()) {
                    cut = Segmenter.Cut.SEGMENT;
                } else if (cut == Segmenter.Cut.NONE) {
                    cut = Segmenter.Cut.PART;
                }
            }
            out.accept(a, cut);
        }
    }

    /** Forgets the boundaries (after a discontinuity; the backlog was drained first). */
    void reset() {
        boundaries.clear();
        videoWatermarkUs = Long.MIN_VALUE;
    }
}
