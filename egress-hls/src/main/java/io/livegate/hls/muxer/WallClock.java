package io.livegate.hls.muxer;

import io.livegate.media.Frame;
import java.time.Instant;

/**
 * Maps the stream timeline to wall-clock time for EXT-X-PROGRAM-DATE-TIME. Anchored once from a frame's ingest
 * time ({@code wall = now - (nanoTime - ingestNanos)}), then every date follows from media time, so consecutive
 * segments are exactly their durations apart. Shared by a stream's renditions so their dates agree; re-anchored
 * after a discontinuity.
 */
final class WallClock {

    private boolean anchored;
    private long anchorMicros;

    Instant at(Frame frame, int timescale) {
        long dtsMicros = Math.multiplyHigh(frame.dts(), 1_000_000L) == 0
                ? frame.dts() * 1_000_000L / timescale : (long) (frame.dts() * (1_000_000.0 / timescale));
        if (!anchored) {
            long wallMicros = System.currentTimeMillis() * 1000 - (System.nanoTime() - frame.ingestNanos()) / 1000;
            anchorMicros = wallMicros - dtsMicros;
            anchored = true;
        }
        long t = anchorMicros + dtsMicros;
        return Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000L), Math.floorMod(t, 1_000_000L) * 1000);
    }

    void reset() {
        anchored = false;
    }
}
