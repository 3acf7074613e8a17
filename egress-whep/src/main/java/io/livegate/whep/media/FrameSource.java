package io.livegate.whep.media;

import io.livegate.router.StreamNotFoundException;
import io.livegate.router.Subscriber;
import io.livegate.router.SubscriberInfo;
import io.livegate.router.Subscription;
import java.util.concurrent.Executor;

/**
 * Where a stream's frames come from: the registry itself, or the Opus transcoding layer over it (AAC tracks
 * arrive as Opus). Same contract as {@code StreamRegistry.subscribe}.
 */
@FunctionalInterface
public interface FrameSource {

    Subscription subscribe(String path, SubscriberInfo info, Executor executor, Subscriber subscriber)
            throws StreamNotFoundException;
}
