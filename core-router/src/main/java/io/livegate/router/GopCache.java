package io.livegate.router;

import io.livegate.media.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames of every track since the latest keyframe of the stream's primary video track, so a new
 * subscriber can start decoding at once. Bounded in frames and bytes: a GOP that outgrows the bounds is
 * dropped and caching resumes at the next keyframe. Guarded by the owning stream's lock.
 */
final class GopCache {

    private final int maxFrames;
    private final long maxBytes;
    private final List<Frame> frames = new ArrayList<>();
    private long bytes;
    private boolean collecting;

    GopCache(int maxFrames, long maxBytes) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** Offers a rebased frame; {@code startsGop} is true for a keyframe of the primary video track. */
    void add(Frame frame, boolean startsGop) {
        if (startsGop) {
            clear();
            collecting = true;
        }
        if (!collecting) {
            return;
        }
        if (frames.size() + 1 > maxFrames || bytes + frame.size() > maxBytes) {
            clear();
            return;
        }
        frames.add(frame);
        bytes += frame.size();
    }

    void clear() {
        frames.clear();
        bytes = 0;
        collecting = false;
    }

    List<Frame> snapshot() {
        return List.copyOf(frames);
    }

    int size() {
        return frames.size();
    }

    long bytes() {
        return bytes;
    }
}
