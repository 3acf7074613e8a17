package io.livegate.router;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.Executor;

/** The narrow face of the router that protocol modules receive in their constructors. */
public interface StreamRegistry {

    /**
     * Where a stream's timeline starts, in microseconds: subscribers see the first publisher's first frame at this
     * time (in each track's clock), and later frames and sessions after it. Not zero, so a track whose first frame
     * is older than the first frame that arrived keeps its place (see {@code TimestampRebaser}).
     */
    long TIMELINE_ORIGIN_MICROS = 1_000_000;

    /**
     * Starts publishing. The {@link PublishHook} may rename the path (a secret key mapped to a public id) or
     * refuse. A path with a live publisher is refused unless takeover is configured; a path whose publisher
     * left within the grace period is resumed, keeping its subscribers.
     *
     * @throws PublishRejectedException with a reason fit to send to the client
     */
    Publisher publish(PublishRequest request, PublisherControl control) throws PublishRejectedException;

    /**
     * Subscribes to a published stream. Every callback of {@code subscriber} runs on {@code executor}, one at a
     * time, in order. The subscriber first gets the current tracks, then the GOP cache, then live frames.
     *
     * @throws StreamNotFoundException when nothing publishes at {@code path}
     */
    Subscription subscribe(String path, SubscriberInfo info, Executor executor, Subscriber subscriber)
            throws StreamNotFoundException;

    /** A stream by path, live or within its grace period. */
    Optional<Stream> find(String path);

    /** All streams, for the API and metrics. */
    Collection<Stream> streams();
}
