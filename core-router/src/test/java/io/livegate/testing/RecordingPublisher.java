package io.livegate.testing;

import io.livegate.media.Frame;
import io.livegate.media.Track;
import io.livegate.router.Publisher;
import java.util.ArrayList;
import java.util.List;

/** A bus publisher for ingest unit tests: records the tracks and frames an ingest writes, in order. Not thread-safe. */
public final class RecordingPublisher implements Publisher {

    public final List<Track> tracks = new ArrayList<>();
    public final List<Frame> frames = new ArrayList<>();
    private final String path;

    public RecordingPublisher(String path) {
        this.path = path;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void setTrack(Track track) {
        tracks.add(track);
    }

    @Override
    public void write(Frame frame) {
        frames.add(frame);
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    public void close() {
    }
}
