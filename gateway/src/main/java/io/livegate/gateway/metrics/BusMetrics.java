package io.livegate.gateway.metrics;

import io.livegate.router.Stream;
import io.livegate.router.StreamRouter;
import io.livegate.router.Subscription;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stream bus metrics: streams, subscribers (per protocol), frames in/out/dropped, queue depth, and per-stream
 * ingest bitrate. Per-stream series are refreshed at each scrape, so ended streams disappear.
 */
public final class BusMetrics implements MeterBinder {

    private final StreamRouter router;
    private MultiGauge subscribersByProtocol;
    private MultiGauge streamBitrate;

    public BusMetrics(StreamRouter router) {
        this.router = router;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("livegate.streams", router, r -> r.streams().size())
                .description("Streams with a publisher or within their grace period").register(registry);
        Gauge.builder("livegate.subscribers", router, StreamRouter::subscriberCount)
                .description("Subscribers over all streams").register(registry);
        Gauge.builder("livegate.subscriber.queue.frames", router, StreamRouter::queuedFrames)
                .description("Frames waiting in subscriber queues").register(registry);
        FunctionCounter.builder("livegate.frames.in", router, r -> r.counters().framesIn())
                .description("Frames written by publishers").register(registry);
        FunctionCounter.builder("livegate.frames.out", router, r -> r.counters().framesOut())
                .description("Frames delivered to subscribers").register(registry);
        FunctionCounter.builder("livegate.frames.dropped", router, r -> r.counters().framesDropped())
                .description("Frames dropped for subscribers that fell behind").register(registry);
        FunctionCounter.builder("livegate.publish.rejected", router, r -> r.counters().publishRejected())
                .description("Publish attempts refused").register(registry);
        subscribersByProtocol = MultiGauge.builder("livegate.subscribers.by.protocol")
                .description("Subscribers per egress protocol").register(registry);
        streamBitrate = MultiGauge.builder("livegate.stream.ingest.bitrate").baseUnit("bits_per_second")
                .description("Ingest bitrate per stream and track").register(registry);
    }

    /** Refreshes the per-stream and per-protocol series; called before each scrape. */
    public void refresh() {
        Map<String, Integer> byProtocol = new TreeMap<>();
        List<MultiGauge.Row<?>> bitrates = new ArrayList<>();
        for (Stream s : router.streams()) {
            for (Subscription sub : s.subscriptions()) {
                byProtocol.merge(sub.info().protocol(), 1, Integer::sum);
            }
            s.tracks().forEach(t -> s.trackStats(t.id()).ifPresent(st -> bitrates.add(MultiGauge.Row.of(
                    Tags.of("path", s.path(), "track", Integer.toString(t.id()), "kind",
                            t.kind().name().toLowerCase()), st.bitrate()))));
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        byProtocol.forEach((p, n) -> rows.add(MultiGauge.Row.of(Tags.of("protocol", p), n)));
        subscribersByProtocol.register(rows, true);
        streamBitrate.register(bitrates, true);
    }
}
