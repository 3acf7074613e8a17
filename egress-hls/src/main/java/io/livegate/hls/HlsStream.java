package io.livegate.hls;

import io.livegate.hls.muxer.HlsMuxer;
import io.livegate.router.Stream;
import io.livegate.router.StreamNotFoundException;
import io.livegate.router.StreamRegistry;
import io.livegate.router.Subscriber;
import io.livegate.router.SubscriberInfo;
import io.livegate.router.Subscription;
import io.netty.channel.EventLoop;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One stream muxed for HLS: its muxer, its router subscription, and what was served of it. */
final class HlsStream {

    private static final Logger LOG = LoggerFactory.getLogger(HlsStream.class);

    private final String path;
    private final HlsMuxer muxer;
    private final EventLoop loop;
    private final AtomicLong bytesServed = new AtomicLong();
    private final long startedNanos = System.nanoTime();
    private volatile Subscription subscription;
    private volatile boolean stopped;

    HlsStream(String path, HlsConfig config, EventLoop loop) {
        this.path = path;
        this.loop = loop;
        this.muxer = new HlsMuxer(path, config.muxerConfig(), loop);
    }

    void start(StreamRegistry registry) throws StreamNotFoundException {
        subscription = registry.subscribe(path, new SubscriberInfo("hls", ""), loop, new HlsSubscriber(this));
        LOG.info("hls start path={} generation={}", path, muxer.generation());
    }

    String path() {
        return path;
    }

    HlsMuxer muxer() {
        return muxer;
    }

    EventLoop loop() {
        return loop;
    }

    void served(long bytes) {
        bytesServed.addAndGet(bytes);
    }

    long bytesServed() {
        return bytesServed.get();
    }

    boolean stopped() {
        return stopped;
    }

    /** Periodic check on the loop: publisher presence, viewer expiry. */
    void tick(StreamRegistry registry) {
        if (stopped) {
            return;
        }
        boolean waiting = registry.find(path).map(s -> s.state() == Stream.State.WAITING).orElse(true);
        Subscription sub = subscription;
        // Only once the muxer has every frame the publisher sent: the queue may still hold some.
        if (waiting && sub != null && sub.queuedFrames() == 0) {
            muxer.publisherGone();
        }
        muxer.tick();
    }

    /** Stops muxing (idle, or the egress closes) and drops the stored media. */
    void stop(String why) {
        boolean wasStopped = stopped;
        stopped = true;
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        try {
            loop.execute(() -> {
                if (!wasStopped) {
                    finish(why);
                }
                muxer.release();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The event loops are shutting down: nothing is left to answer.
        }
    }

    /**
     * The router ended the subscription. The muxer stays (ended, its playlists with EXT-X-ENDLIST) until the idle
     * timeout, so players catch the end, unless a new publisher takes the path first.
     */
    void ended(Subscriber.EndReason reason) {
        stopped = true;
        finish(reason.name().toLowerCase(java.util.Locale.ROOT));
    }

    private void finish(String why) {
        if (muxer.ended()) {
            return;
        }
        muxer.end();
        LOG.info("hls end path={} reason={} segments={} parts={} bytes_served={} duration_ms={}", path, why,
                muxer.segmentsTotal(), muxer.partsTotal(), bytesServed.get(),
                (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
