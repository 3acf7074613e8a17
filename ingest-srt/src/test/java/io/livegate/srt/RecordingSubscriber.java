package io.livegate.srt;

import io.livegate.media.Frame;
import io.livegate.media.Track;
import io.livegate.router.Subscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every callback for assertions. */
final class RecordingSubscriber implements Subscriber {
    final List<List<Track>> tracks = new CopyOnWriteArrayList<>();
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    volatile EndReason ended;

    @Override
    public void onTracks(List<Track> t) {
        tracks.add(List.copyOf(t));
    }

    @Override
    public void onFrame(Frame frame) {
        frames.add(frame);
    }

    @Override
    public void onEnd(EndReason reason) {
        ended = reason;
    }

    List<Frame> framesOf(int trackId) {
        return frames.stream().filter(f -> f.trackId() == trackId).toList();
    }

    List<Track> lastTracks() {
        return tracks.isEmpty() ? List.of() : tracks.get(tracks.size() - 1);
    }
}
