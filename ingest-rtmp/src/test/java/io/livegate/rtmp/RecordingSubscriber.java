package io.livegate.rtmp;

import io.livegate.media.Frame;
import io.livegate.media.Track;
import io.livegate.router.Subscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Records what a stream delivers, for assertions. */
final class RecordingSubscriber implements Subscriber {
    final List<List<Track>> trackUpdates = new CopyOnWriteArrayList<>();
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final CountDownLatch ended = new CountDownLatch(1);
    volatile EndReason endReason;
    volatile int discontinuities;

    @Override
    public void onTracks(List<Track> tracks) {
        trackUpdates.add(List.copyOf(tracks));
    }

    @Override
    public void onFrame(Frame frame) {
        frames.add(frame);
    }

    @Override
    public void onDiscontinuity() {
        discontinuities++;
    }

    @Override
    public void onEnd(EndReason reason) {
        endReason = reason;
        ended.countDown();
    }

    List<Track> tracks() {
        return trackUpdates.isEmpty() ? List.of() : trackUpdates.get(trackUpdates.size() - 1);
    }

    Track track(int id) {
        return tracks().stream().filter(t -> t.id() == id).findFirst().orElseThrow(
                () -> new AssertionError("no track " + id + " in " + tracks()));
    }

    List<Frame> frames(int trackId) {
        return frames.stream().filter(f -> f.trackId() == trackId).toList();
    }
}
