package io.livegate.hls.store;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One rendition's segments in RAM: at most {@code window} complete segments plus the one being written, and, as
 * far as the shared {@link ByteBudget} allows, fewer (the oldest go first, the newest complete segment and the
 * open one always stay). Segments that left are gone: lookups for them return null (HTTP 404).
 */
public final class SegmentStore {

    private final int window;
    private final ByteBudget budget;
    private final Deque<StoredSegment> segments = new ArrayDeque<>();
    private StoredSegment open;
    private long bytes;
    private long partsTotal;
    private long segmentsTotal;
    private long discontinuitySequence;

    public SegmentStore(int window, ByteBudget budget) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1 segment, was " + window);
        }
        this.window = window;
        this.budget = budget;
    }

    /** Opens the next segment; a still open one is completed first with the sum of its parts' durations. */
    public StoredSegment open(long msn, Instant programDateTime, boolean discontinuity, String mapUri) {
        if (open != null) {
            completeOpen();
        }
        open = new StoredSegment(msn, programDateTime, discontinuity, mapUri);
        segments.addLast(open);
        return open;
    }

    public StoredSegment openSegment() {
        return open;
    }

    /** Appends a finished part to the open segment. */
    public void addPart(StoredPart part) {
        if (open == null) {
            throw new IllegalStateException("no open segment");
        }
        open.addPart(part);
        bytes += part.data().length;
        budget.add(part.data().length);
        partsTotal++;
        evict();
    }

    /** Completes the open segment; an open segment without parts is dropped instead. Returns it, or null. */
    public StoredSegment completeOpen() {
        StoredSegment s = open;
        open = null;
        if (s == null) {
            return null;
        }
        if (s.parts().isEmpty()) {
            segments.removeLast();
            return null;
        }
        s.complete(s.duration());
        segmentsTotal++;
        evict();
        return s;
    }

    private void evict() {
        while (completeCount() > window || (budget.over() && completeCount() > 1)) {
            StoredSegment old = segments.peekFirst();
            if (old == null || !old.complete()) {
                return;
            }
            segments.removeFirst();
            if (old.discontinuity()) {
                discontinuitySequence++;
            }
            bytes -= old.bytes();
            budget.add(-old.bytes());
        }
    }

    /** True when this store alone, down to its last complete and open segment, still exceeds the budget. */
    public boolean overBudget() {
        return budget.over();
    }

    private int completeCount() {
        return open == null ? segments.size() : segments.size() - 1;
    }

    /** All segments kept, oldest first, the open one (if any) last. */
    public List<StoredSegment> segments() {
        return new ArrayList<>(segments);
    }

    /** Complete segments kept, oldest first. */
    public List<StoredSegment> completeSegments() {
        List<StoredSegment> out = new ArrayList<>(segments.size());
        for (StoredSegment s : segments) {
            if (s.complete()) {
                out.add(s);
            }
        }
        return out;
    }

    public StoredSegment segment(long msn) {
        for (StoredSegment s : segments) {
            if (s.msn() == msn) {
                return s;
            }
        }
        return null;
    }

    public StoredPart part(long id) {
        var it = segments.descendingIterator();
        while (it.hasNext()) {
            StoredSegment s = it.next();
            List<StoredPart> ps = s.parts();
            if (!ps.isEmpty() && ps.get(0).id() <= id) {
                for (StoredPart p : ps) {
                    if (p.id() == id) {
                        return p;
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** The most recent part, or null. */
    public StoredPart lastPart() {
        var it = segments.descendingIterator();
        while (it.hasNext()) {
            List<StoredPart> ps = it.next().parts();
            if (!ps.isEmpty()) {
                return ps.get(ps.size() - 1);
            }
        }
        return null;
    }

    /** The newest complete segment, or null. */
    public StoredSegment lastComplete() {
        var it = segments.descendingIterator();
        while (it.hasNext()) {
            StoredSegment s = it.next();
            if (s.complete()) {
                return s;
            }
        }
        return null;
    }

    /** EXT-X-DISCONTINUITY tags that left the window with their segments. */
    public long discontinuitySequence() {
        return discontinuitySequence;
    }

    public long bytes() {
        return bytes;
    }

    public long partsTotal() {
        return partsTotal;
    }

    public long segmentsTotal() {
        return segmentsTotal;
    }

    /** Drops everything (the muxer stopped). */
    public void clear() {
        budget.add(-bytes);
        bytes = 0;
        segments.clear();
        open = null;
    }
}
