package io.livegate.hls.muxer;

/**
 * Decides where parts and segments end, for the track that drives a stream (its video, or its audio when it has
 * none). Called once per sample, in decode order, before the sample is added: the answer says whether the sample
 * starts a new segment, a new part, or continues the current part.
 *
 * <p>A segment starts at a keyframe once the current one has lasted its target (less half a frame, so a GOP equal
 * to the target cuts on every keyframe); a longer GOP makes a longer segment. A part ends before the sample that
 * would take it past the part target, so parts never exceed PART-TARGET when frame durations are steady.
 */
public final class Segmenter {

    /** What a sample does to the current part and segment. */
    public enum Cut {
        /** The sample joins the current part. */
        NONE,
        /** The sample starts a new part of the current segment. */
        PART,
        /** The sample starts a new segment (and so a new part). */
        SEGMENT
    }

    private final long segmentTarget;
    private final long partTarget;
    private boolean started;
    private long segmentStart;
    private long partStart;

    /** Targets in the driving track's clock ticks, so that frame-exact parts stay exact. */
    public Segmenter(long segmentTarget, long partTarget) {
        if (partTarget <= 0 || segmentTarget < partTarget) {
            throw new IllegalArgumentException("need 0 < part target (" + partTarget + " ticks) <= segment target ("
                    + segmentTarget + " ticks)");
        }
        this.segmentTarget = segmentTarget;
        this.partTarget = partTarget;
    }

    /**
     * @param dts      the sample's decode time
     * @param keyframe   whether decoding can start at it
     * @param duration its expected duration (the previous sample's, for lack of a better guess)
     */
    public Cut next(long dts, boolean keyframe, long duration) {
        if (!started) {
            if (!keyframe) {
                return Cut.NONE;
            }
            started = true;
            segmentStart = dts;
            partStart = dts;
            return Cut.SEGMENT;
        }
        if (keyframe && dts - segmentStart >= segmentTarget - duration / 2) {
            segmentStart = dts;
            partStart = dts;
            return Cut.SEGMENT;
        }
        if (dts > partStart && dts - partStart + duration > partTarget) {
            partStart = dts;
            return Cut.PART;
        }
        return Cut.NONE;
    }

    /** True once the first keyframe opened a segment. */
    public boolean started() {
        return started;
    }

    /** Forgets the timeline: the next keyframe opens a segment (after a discontinuity). */
    public void reset() {
        started = false;
    }
}
