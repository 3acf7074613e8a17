package io.livegate.hls.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A media segment: its parts in order, and, once complete, its duration. Mutated only by its rendition's muxer
 * on one event loop; readers on that loop see a consistent state.
 */
public final class StoredSegment {

    private final long msn;
    private final Instant programDateTime;
    private final boolean discontinuity;
    private final String mapUri;
    private final List<StoredPart> parts = new ArrayList<>();
    private long bytes;
    private double duration;
    private boolean complete;

    public StoredSegment(long msn, Instant programDateTime, boolean discontinuity, String mapUri) {
        this.msn = msn;
        this.programDateTime = programDateTime;
        this.discontinuity = discontinuity;
        this.mapUri = mapUri;
    }

    public long msn() {
        return msn;
    }

    public Instant programDateTime() {
        return programDateTime;
    }

    /** An EXT-X-DISCONTINUITY precedes this segment. */
    public boolean discontinuity() {
        return discontinuity;
    }

    /** The init segment this segment needs (changes after a parameter change). */
    public String mapUri() {
        return mapUri;
    }

    public List<StoredPart> parts() {
        return Collections.unmodifiableList(parts);
    }

    public long bytes() {
        return bytes;
    }

    /** Seconds; the sum of the part durations until complete. */
    public double duration() {
        if (complete) {
            return duration;
        }
        double d = 0;
        for (StoredPart p : parts) {
            d += p.duration();
        }
        return d;
    }

    public boolean complete() {
        return complete;
    }

    void addPart(StoredPart p) {
        if (complete) {
            throw new IllegalStateException("segment " + msn + " is complete");
        }
        parts.add(p);
        bytes += p.data().length;
    }

    void complete(double seconds) {
        complete = true;
        duration = seconds;
    }

    /** The segment's bytes as its parts' arrays, to be served without copying. */
    public List<byte[]> chunks() {
        List<byte[]> out = new ArrayList<>(parts.size());
        for (StoredPart p : parts) {
            out.add(p.data());
        }
        return out;
    }
}
