package io.livegate.transcode;

import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.Subscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Records a subscriber's callbacks and checks they never overlap. */
final class Recorder implements Subscriber {
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final List<List<Track>> tracks = new CopyOnWriteArrayList<>();
    final AtomicInteger discontinuities = new AtomicInteger();
    final AtomicReference<EndReason> ended = new AtomicReference<>();
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    /** Threads the callbacks ran on. */
    final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void enter() {
        threads.add(Thread.currentThread().getName());
        if (inside.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
        }
    }

    private void leave() {
        inside.decrementAndGet();
    }

    @Override
    public void onTracks(List<Track> t) {
        enter();
        tracks.add(t);
        leave();
    }

    @Override
    public void onFrame(Frame frame) {
        enter();
        frames.add(frame);
        leave();
    }

    @Override
    public void onDiscontinuity() {
        enter();
        discontinuities.incrementAndGet();
        leave();
    }

    @Override
    public void onEnd(EndReason reason) {
        enter();
        ended.set(reason);
        leave();
    }

    List<Frame> track(int id) {
        return frames.stream().filter(f -> f.trackId() == id).toList();
    }

    List<Frame> opus(int id) {
        return frames.stream().filter(f -> f.trackId() == id && f.payload() instanceof Payload.OpusPacket).toList();
    }

    static List<byte[]> packets(List<Frame> frames) {
        return frames.stream().map(f -> ((Payload.OpusPacket) f.payload()).data()).toList();
    }
}
