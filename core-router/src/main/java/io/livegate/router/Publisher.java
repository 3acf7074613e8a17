package io.livegate.router;

import io.livegate.media.Frame;
import io.livegate.media.Track;

/**
 * An ingest session's handle on its stream. Calls come from the ingest's own thread, one at a time. None of
 * them blocks.
 */
public interface Publisher extends AutoCloseable {

    /** The path actually published to (after the {@link PublishHook}). */
    String path();

    /**
     * Adds a track, or replaces the parameters of the track with the same id (an in-band change). Setting
     * identical parameters again is a no-op.
     */
    void setTrack(Track track);

    /**
     * Writes one frame of a track set before. Timestamps are in the track's clock and must share one origin
     * across the publisher's tracks (the stream rebases them); they need not start at zero.
     */
    void write(Frame frame);

    /** False once this publisher was taken over or closed: its writes are then ignored. */
    boolean isActive();

    /** Ends this publishing session; subscribers stay for the stream's grace period. Idempotent. */
    @Override
    void close();
}
