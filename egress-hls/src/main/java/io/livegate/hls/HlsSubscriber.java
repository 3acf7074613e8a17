package io.livegate.hls;

import io.livegate.hls.muxer.HlsMuxer;
import io.livegate.media.Frame;
import io.livegate.media.Track;
import io.livegate.router.Subscriber;
import java.util.List;

/** Feeds a stream's frames into its {@link HlsMuxer}; every callback runs on the muxer's event loop. */
final class HlsSubscriber implements Subscriber {

    private final HlsStream stream;

    HlsSubscriber(HlsStream stream) {
        this.stream = stream;
    }

    @Override
    public void onTracks(List<Track> tracks) {
        stream.muxer().onTracks(tracks);
    }

    @Override
    public void onFrame(Frame frame) {
        stream.muxer().onFrame(frame);
    }

    @Override
    public void onDiscontinuity() {
        stream.muxer().onDiscontinuity();
    }

    @Override
    public void onEnd(EndReason reason) {
        stream.ended(reason);
    }
}
