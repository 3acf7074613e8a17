package io.livegate.whep.media;

import io.livegate.media.Track;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;

/** A viewer of a {@link SharedStream}. Every call runs on {@link #executor()}, in stream order. */
public interface MediaSink {

    /** The event loop this sink lives on. */
    EventExecutor executor();

    /** The stream's tracks, first and on every change. */
    void onTracks(List<Track> tracks);

    /**
     * Once, right after attaching: the frames since the stream's latest video keyframe (video first frame is a
     * keyframe), so playback can start at once. Empty when nothing is cached.
     */
    void onStart(List<PacketizedFrame> cached);

    /** The next live frame. */
    void onFrame(PacketizedFrame frame);

    /** The stream ended; nothing follows. */
    void onEnd(String reason);
}
