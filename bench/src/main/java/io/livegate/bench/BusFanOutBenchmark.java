package io.livegate.bench;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.StreamRouter;
import io.livegate.router.Subscriber;
import io.livegate.router.SubscriberInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One publisher writing frames to N subscribers, measured end to end: an operation is one frame written and
 * delivered to every subscriber (each batch waits until all subscribers drained it). Subscribers drain on one
 * event-loop-like thread, as many viewers on one Netty loop do. Run with {@code -prof gc} for allocation
 * per frame ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BusFanOutBenchmark {

    static final int BATCH = 100;
    private static final int GOP = 30;

    @Param({"1", "100", "1000"})
    public int subscribers;

    private StreamRouter router;
    private Publisher publisher;
    private ExecutorService loop;
    private final LongAdder delivered = new LongAdder();
    private long frameNumber;
    private final Payload.NalUnits payload = new Payload.NalUnits(List.of(new byte[1200], new byte[1200]));

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        router = new StreamRouter();
        publisher = router.publish(new PublishRequest("bench/fanout", "bench", "", Map.of()), reason -> { });
        publisher.setTrack(new Track(0, Codec.H264, 90_000, new CodecParameters.H264Parameters(
                List.of(new byte[] {0x67, 0x42, 0, 0x1f}), List.of(new byte[] {0x68}))));
        loop = Executors.newSingleThreadExecutor();
        Subscriber counting = new Subscriber() {
            @Override
            public void onTracks(List<Track> tracks) {
            }

            @Override
            public void onFrame(Frame frame) {
                delivered.increment();
            }

            @Override
            public void onEnd(EndReason reason) {
            }
        };
        for (int i = 0; i < subscribers; i++) {
            router.subscribe("bench/fanout", new SubscriberInfo("bench", "s" + i), loop, counting);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        router.close();
        loop.shutdownNow();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void writeAndDeliver() {
        long target = delivered.sum() + (long) BATCH * subscribers;
        for (int i = 0; i < BATCH; i++) {
            long n = frameNumber++;
            publisher.write(new Frame(0, n * 3000, n * 3000, n % GOP == 0, payload, System.nanoTime()));
        }
        while (delivered.sum() < target) {
            Thread.onSpinWait();
        }
    }
}
