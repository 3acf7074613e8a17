package io.livegate.router;

import io.livegate.media.Frame;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps publisher timestamps onto the stream's timeline: it starts at {@link #ORIGIN_US}, stays monotonic per
 * track, and continues across publisher sessions. A session's tracks share one offset (in microseconds), so A/V
 * sync survives a reconnect. A single track whose timestamps jump further than the configured bound is
 * re-anchored on its own. Guarded by the owning stream's lock.
 */
final class TimestampRebaser {

    /**
     * Where the first session's first frame lands. Not zero: a track may start before the first frame that arrived
     * (MPEG-TS muxers send audio late: ffmpeg's first AAC frame is 21 ms older than its first video frame yet
     * arrives after it), and such a track must keep the session's offset, not be shifted on its own to stay
     * non-negative, or it would be out of sync for the whole session. A second covers what muxers buffer.
     */
    static final long ORIGIN_US = StreamRegistry.TIMELINE_ORIGIN_MICROS;

    /** The gap left between the end of one publisher session and the start of the next. */
    static final long SESSION_GAP_US = 40_000;

    private final long maxJumpUs;
    private final Map<Integer, TrackTimeline> tracks = new HashMap<>();
    private boolean anyFrame;
    private boolean sessionAnchored;
    private long sessionOffsetUs;
    private long timelineEndUs;

    TimestampRebaser(long maxJumpUs) {
        this.maxJumpUs = maxJumpUs;
    }

    /** A new publisher session begins: its first frame continues after everything seen so far. */
    void newSession() {
        sessionAnchored = false;
        tracks.values().forEach(t -> t.anchored = false);
    }

    /** The outcome of rebasing one frame. */
    record Result(Frame frame, boolean jumped) {
    }

    Result rebase(Frame frame, int clockRate) {
        TrackTimeline tl = tracks.computeIfAbsent(frame.trackId(), id -> new TrackTimeline());
        if (!sessionAnchored) {
            long base = anyFrame ? timelineEndUs + SESSION_GAP_US : ORIGIN_US;
            sessionOffsetUs = base - toUs(frame.dts(), clockRate);
            sessionAnchored = true;
        }
        if (!tl.anchored) {
            tl.offset = fromUs(sessionOffsetUs, clockRate);
            tl.anchored = true;
        }
        long dts = frame.dts() + tl.offset;
        boolean jumped = false;
        if (tl.hasLast) {
            long step = dts - tl.lastDts;
            long maxJump = fromUs(maxJumpUs, clockRate);
            if (step > maxJump || step < -maxJump) {
                long continueAt = tl.lastDts + Math.max(1, clockRate / 50);
                tl.offset += continueAt - dts;
                dts = continueAt;
                jumped = true;
            } else if (step <= 0) {
                dts = tl.lastDts + 1;
            }
        } else if (dts < 0) {
            // A track that starts more than ORIGIN_US before the session's first frame would go negative.
            tl.offset -= dts;
            dts = 0;
        }
        long pts = Math.max(dts, frame.pts() + tl.offset);
        tl.lastDts = dts;
        tl.hasLast = true;
        anyFrame = true;
        timelineEndUs = Math.max(timelineEndUs, toUs(dts, clockRate));
        return new Result(frame.withTimestamps(pts, dts), jumped);
    }

    static long toUs(long ticks, int clockRate) {
        return scale(ticks, 1_000_000L, clockRate);
    }

    static long fromUs(long us, int clockRate) {
        return scale(us, clockRate, 1_000_000L);
    }

    /** value * mul / div rounded down; exact while the product fits a long (years of timestamps). */
    private static long scale(long value, long mul, long div) {
        long hi = Math.multiplyHigh(value, mul);
        long lo = value * mul;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return Math.floorDiv(lo, div);
        }
        return (long) Math.floor(value / (double) div * mul);
    }

    private static final class TrackTimeline {
        long offset;
        long lastDts;
        boolean hasLast;
        boolean anchored;
    }
}
