package io.livegate.whep.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.PublishHook;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.RouterConfig;
import io.livegate.router.StreamRouter;
import io.livegate.whep.TestSdp;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A publisher that reconnects within the grace period: viewers keep their stream, timestamps go on. */
class PublisherReconnectTest {

    private static final Track VIDEO = new Track(0, Codec.H264, 90_000, new CodecParameters.H264Parameters(
            List.of(TestSdp.BASELINE_SPS), List.of(TestSdp.PPS)));

    private static void publish(Publisher p, int from, int count) {
        for (int i = from; i < from + count; i++) {
            boolean key = i % 10 == 0;
            byte[] slice = {(byte) (key ? 0x65 : 0x41), (byte) i};
            // Each publisher session restarts its own clock at 0, as an encoder reconnecting would.
            long ts = (i - from) * 3000L;
            p.write(new Frame(0, ts, ts, key, new Payload.NalUnits(List.of(slice)), System.nanoTime()));
        }
    }

    @Test
    void viewersStayAndTimestampsStayMonotonic() throws Exception {
        StreamRouter router = new StreamRouter(new RouterConfig(Duration.ofSeconds(5), false,
                RouterConfig.DEFAULT_GOP_CACHE_MAX_FRAMES, RouterConfig.DEFAULT_GOP_CACHE_MAX_BYTES,
                Duration.ofMillis(500), Duration.ofSeconds(10)), PublishHook.ALLOW_ALL);
        EventExecutor loop = new DefaultEventExecutor();
        try {
            Publisher first = router.publish(new PublishRequest("live/r", "test", "127.0.0.1:1", null), r -> {
            });
            first.setTrack(VIDEO);
            publish(first, 0, 20);
            StreamFanout fanout = new StreamFanout(router::subscribe, 1200, 1000);
            SharedStream s = fanout.open("live/r", loop);
            List<PacketizedFrame> got = new CopyOnWriteArrayList<>();
            List<String> endReasons = new CopyOnWriteArrayList<>();
            s.attach(new SharedStreamTest.Recorder() {
                @Override
                public EventExecutor executor() {
                    return loop;
                }

                @Override
                public void onStart(List<PacketizedFrame> cached) {
                    got.addAll(cached);
                }

                @Override
                public void onFrame(PacketizedFrame frame) {
                    got.add(frame);
                }

                @Override
                public void onEnd(String reason) {
                    endReasons.add(reason);
                }
            });
            publish(first, 20, 10);
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() >= 10);
            first.close();

            Publisher second = router.publish(new PublishRequest("live/r", "test", "127.0.0.1:2", null), r -> {
            });
            second.setTrack(VIDEO);
            publish(second, 100, 20);
            await().atMost(Duration.ofSeconds(5)).until(() -> got.stream().anyMatch(f -> f.payloads().stream()
                    .anyMatch(p -> p.length == 2 && p[1] == (byte) 119)));
            assertThat(endReasons).isEmpty();
            assertThat(fanout.open("live/r", loop)).isSameAs(s);
            List<Long> ts = new ArrayList<>(got.stream().map(PacketizedFrame::timestamp).toList());
            for (int i = 1; i < ts.size(); i++) {
                assertThat(ts.get(i)).as("timestamps %s", ts).isGreaterThan(ts.get(i - 1));
            }
            second.close();
        } finally {
            router.close();
            loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
