package io.livegate.router;

import io.livegate.media.Frame;
import io.livegate.media.Track;
import java.util.List;

/**
 * An egress consumer of one stream. Every method runs on the executor given at subscribe time, one call at a
 * time, in stream order. Methods must not block: they run on an event loop.
 */
public interface Subscriber {

    /**
     * The stream's tracks, delivered first and again whenever a track is added or its parameters change.
     * Frames delivered after this call belong to these tracks.
     */
    void onTracks(List<Track> tracks);

    /**
     * The next frame. For video, the first frame after {@link #onTracks}, after a drop, and after a
     * {@link #onDiscontinuity} is a keyframe.
     */
    void onFrame(Frame frame);

    /**
     * The publisher reconnected or a track's timeline jumped. Timestamps stay monotonic; players that care (HLS)
     * mark a discontinuity.
     */
    default void onDiscontinuity() {
    }

    /** No more calls follow: the stream ended or the subscription was closed. */
    void onEnd(EndReason reason);

    /** Why a subscription ended. */
    enum EndReason {
        /** The publisher left and did not come back within the grace period. */
        STREAM_ENDED,
        /** {@link Subscription#close()} was called. */
        UNSUBSCRIBED,
        /** The router shut down. */
        SHUTDOWN
    }
}
