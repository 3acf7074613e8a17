package io.livegate.router;

/** A subscriber's handle; thread-safe. */
public interface Subscription extends AutoCloseable {

    String path();

    SubscriberInfo info();

    /** Asks the publisher for a keyframe (rate-limited per stream). */
    void requestKeyframe();

    /** Frames handed to the subscriber so far. */
    long deliveredFrames();

    /** Frames dropped because the subscriber fell behind (or waited for a keyframe after a drop). */
    long droppedFrames();

    /** Frames waiting in this subscriber's queue now. */
    int queuedFrames();

    /** Stops delivery; {@link Subscriber#onEnd} follows with {@code UNSUBSCRIBED}. Idempotent. */
    @Override
    void close();
}
