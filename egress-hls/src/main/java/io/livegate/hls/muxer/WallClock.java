package io.livegate.hls.muxer;

import io.livegate.media.Frame;
import java.time.Instant;

/**
 * Maps the stream timeline to wall-clock time for EXT-X-PROGRAM-DATE-TIME. Each frame's ingest wall time is
 * {@code now - (nanoTime - ingestNanos)}; the anchor (wall time of timeline zero) is the earliest any frame
 * implies, since delays (a slow encoder start, network jitter) only ever make frames late, never early. Dates
 * then follow media time, so consecutive segments are their durations apart. Shared by a stream's renditions so
 * their dates agree; re-anchored after a discontinuity.
 */
final class WallClock {

    private boolean anchored;
    private long anchorMicros;

    /** Takes a frame's ingest time into account. */
    void observe(Frame frame, int timescale) {
        long wallMicros = System.currentTimeMillis() * 1000 - (System.nanoTime() - frame.ingestNanos()) / 1000;
        long anchor = wallMicros - HlsMuxer.toUs(frame.dts(), timescale);
        if (!anchored || anchor < anchorMicros) {
            anchorMicros = anchor;
            anchored = true;
        }
    }

    /** The wall-clock time of a frame's decode time. */
    Instant at(Frame frame, int timescale) {
        if (!anchored) {
            observe(frame, timescale);
        }
        long t = anchorMicros + HlsMuxer.toUs(frame.dts(), timescale);
        return Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000L), Math.floorMod(t, 1_000_000L) * 1000);
    }

    void reset() {
        anchored = false;
    }
}
