package io.livegate.router;

import io.livegate.media.Frame;
import io.livegate.media.Track;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Records every callback, in order. */
class RecordingSubscriber implements Subscriber {
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final List<List<Track>> trackUpdates = new CopyOnWriteArrayList<>();
    final AtomicInteger discontinuities = new AtomicInteger();
    final AtomicReference<EndReason> ended = new AtomicReference<>();
    final List<Object> events = new CopyOnWriteArrayList<>();

    @Override
    public void onTracks(List<Track> tracks) {
        trackUpdates.add(tracks);
        events.add(tracks);
    }

    @Override
    public void onFrame(Frame frame) {
        frames.add(frame);
        events.add(frame);
    }

    @Override
    public void onDiscontinuity() {
        discontinuities.incrementAndGet();
        events.add("discontinuity");
    }

    @Override
    public void onEnd(EndReason reason) {
        ended.set(reason);
        events.add(reason);
    }

    List<Frame> track(int id) {
        return frames.stream().filter(f -> f.trackId() == id).toList();
    }
}
