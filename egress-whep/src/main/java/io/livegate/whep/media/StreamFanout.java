package io.livegate.whep.media;

import io.livegate.router.StreamNotFoundException;
import io.livegate.router.SubscriberInfo;
import io.livegate.router.Subscription;
import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link SharedStream}s of all WHEP viewers, by path: the first viewer subscribes, the last one leaves. */
public final class StreamFanout {

    private final FrameSource source;
    private final int maxPayloadSize;
    private final int gopCacheMaxPackets;
    private final Map<String, SharedStream> streams = new ConcurrentHashMap<>();

    public StreamFanout(FrameSource source, int maxPayloadSize, int gopCacheMaxPackets) {
        this.source = source;
        this.maxPayloadSize = maxPayloadSize;
        this.gopCacheMaxPackets = gopCacheMaxPackets;
    }

    /**
     * The shared stream at {@code path}, subscribing on {@code loop} when no viewer has it yet.
     *
     * @throws StreamNotFoundException when nothing publishes there
     */
    public synchronized SharedStream open(String path, EventExecutor loop) throws StreamNotFoundException {
        SharedStream s = streams.get(path);
        if (s != null && !s.ended()) {
            return s;
        }
        SharedStream[] self = new SharedStream[1];
        self[0] = new SharedStream(path, loop, maxPayloadSize, gopCacheMaxPackets,
                () -> streams.remove(path, self[0]));
        Subscription sub = source.subscribe(path, new SubscriberInfo("whep", ""), loop, self[0]);
        self[0].subscribed(sub);
        streams.put(path, self[0]);
        return self[0];
    }

    public int streamCount() {
        return streams.size();
    }
}
