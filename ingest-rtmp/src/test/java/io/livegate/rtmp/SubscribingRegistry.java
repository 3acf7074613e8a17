package io.livegate.rtmp;

import io.livegate.router.PublishRejectedException;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.PublisherControl;
import io.livegate.router.Stream;
import io.livegate.router.StreamRegistry;
import io.livegate.router.StreamNotFoundException;
import io.livegate.router.StreamRouter;
import io.livegate.router.SubscriberInfo;
import io.livegate.router.Subscription;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A {@link StreamRouter} that subscribes a {@link RecordingSubscriber} the moment a path is first published, so
 * a test sees every frame from the first one.
 */
final class SubscribingRegistry implements StreamRegistry {
    final StreamRouter router;
    final Executor executor;
    final Map<String, RecordingSubscriber> subscribers = new ConcurrentHashMap<>();
    final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    SubscribingRegistry(StreamRouter router, Executor executor) {
        this.router = router;
        this.executor = executor;
    }

    @Override
    public Publisher publish(PublishRequest request, PublisherControl control) throws PublishRejectedException {
        Publisher p = router.publish(request, control);
        subscribers.computeIfAbsent(p.path(), path -> {
            RecordingSubscriber s = new RecordingSubscriber();
            try {
                subscriptions.put(path, router.subscribe(path, new SubscriberInfo("test", ""), executor, s));
            } catch (StreamNotFoundException e) {
                throw new AssertionError(e);
            }
            return s;
        });
        return p;
    }

    @Override
    public Subscription subscribe(String path, SubscriberInfo info, Executor executor,
                                  io.livegate.router.Subscriber subscriber) throws StreamNotFoundException {
        return router.subscribe(path, info, executor, subscriber);
    }

    @Override
    public Optional<Stream> find(String path) {
        return router.find(path);
    }

    @Override
    public Collection<Stream> streams() {
        return router.streams();
    }
}
