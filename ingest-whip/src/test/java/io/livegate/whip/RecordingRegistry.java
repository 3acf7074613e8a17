package io.livegate.whip;

import io.livegate.media.Frame;
import io.livegate.media.Track;
import io.livegate.router.PublishRejectedException;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.PublisherControl;
import io.livegate.router.Stream;
import io.livegate.router.StreamNotFoundException;
import io.livegate.router.StreamRegistry;
import io.livegate.router.StreamRouter;
import io.livegate.router.Subscriber;
import io.livegate.router.SubscriberInfo;
import io.livegate.router.Subscription;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * A real {@link StreamRouter} behind a registry that also records what publishers write, with the timestamps as
 * written (before the stream rebases them), and the controls they registered.
 */
final class RecordingRegistry implements StreamRegistry {

    final StreamRouter router;
    final List<Track> tracks = new CopyOnWriteArrayList<>();
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final List<PublisherControl> controls = new CopyOnWriteArrayList<>();
    final List<PublishRequest> requests = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    RecordingRegistry(StreamRouter router) {
        this.router = router;
    }

    @Override
    public Publisher publish(PublishRequest request, PublisherControl control) throws PublishRejectedException {
        requests.add(request);
        Publisher p = router.publish(request, control);
        controls.add(control);
        return new Publisher() {
            @Override
            public String path() {
                return p.path();
            }

            @Override
            public void setTrack(Track track) {
                tracks.add(track);
                p.setTrack(track);
            }

            @Override
            public void write(Frame frame) {
                frames.add(frame);
                p.write(frame);
            }

            @Override
            public boolean isActive() {
                return p.isActive();
            }

            @Override
            public void close() {
                closed = true;
                p.close();
            }
        };
    }

    List<Frame> track(int id) {
        return frames.stream().filter(f -> f.trackId() == id).toList();
    }

    @Override
    public Subscription subscribe(String path, SubscriberInfo info, Executor executor, Subscriber subscriber)
            throws StreamNotFoundException {
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
