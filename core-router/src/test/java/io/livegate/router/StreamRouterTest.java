package io.livegate.router;

import static io.livegate.router.TestMedia.AUDIO;
import static io.livegate.router.TestMedia.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Track;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamRouterTest {

    private final List<ExecutorService> executors = new ArrayList<>();
    private StreamRouter router = new StreamRouter();

    @AfterEach
    void tearDown() {
        router.close();
        executors.forEach(ExecutorService::shutdownNow);
    }

    private ExecutorService loop() {
        ExecutorService e = Executors.newSingleThreadExecutor();
        executors.add(e);
        return e;
    }

    private static final class Control implements PublisherControl {
        final List<String> disconnects = new CopyOnWriteArrayList<>();
        final AtomicInteger keyframeRequests = new AtomicInteger();

        @Override
        public void requestKeyframe() {
            keyframeRequests.incrementAndGet();
        }

        @Override
        public void disconnect(String reason) {
            disconnects.add(reason);
        }
    }

    private Publisher publish(String path, Control control) throws PublishRejectedException {
        Publisher p = router.publish(new PublishRequest(path, "test", "127.0.0.1:1", Map.of()), control);
        p.setTrack(VIDEO);
        p.setTrack(AUDIO);
        return p;
    }

    /** Interleaves video (30 fps) and audio (~47 fps) frames in timestamp order. */
    private static int writeAv(Publisher p, int videoFrames, int gop, long origin90k) {
        int written = 0;
        long a = 0;
        long audioOrigin = origin90k * 48_000 / 90_000;
        for (int v = 0; v < videoFrames; v++) {
            p.write(TestMedia.video(v, gop, origin90k));
            written++;
            while ((a * 1024) * 90_000 / 48_000 <= (long) v * 3000) {
                p.write(TestMedia.audio(a++, audioOrigin));
                written++;
            }
        }
        return written;
    }

    /** A queue big enough for a whole test burst: these tests check order, not drops. */
    private static SubscriberInfo roomy(String name) {
        return new SubscriberInfo("test", name, 100_000, 1L << 30);
    }

    @Test
    void fanOutDeliversEveryFrameInOrderToEverySubscriber() throws Exception {
        Publisher p = publish("live/a", new Control());
        List<RecordingSubscriber> subs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingSubscriber s = new RecordingSubscriber();
            router.subscribe("live/a", roomy("viewer" + i), loop(), s);
            subs.add(s);
        }
        int expected = writeAv(p, 900, 30, 0);
        for (RecordingSubscriber s : subs) {
            await().atMost(Duration.ofSeconds(10)).until(() -> s.frames.size() >= expected);
            assertThat(s.track(0)).extracting(TestMedia::indexOf)
                    .containsExactlyElementsOf(range(900));
            assertThat(s.track(1)).extracting(TestMedia::indexOf)
                    .containsExactlyElementsOf(range(s.track(1).size()));
            assertThat(s.trackUpdates.get(0)).containsExactly(VIDEO, AUDIO);
        }
        assertThat(router.counters().framesDropped()).isZero();
        assertThat(router.counters().framesIn()).isEqualTo(expected);
    }

    @Test
    void stalledSubscriberDoesNotDelayOthersStaysBoundedAndResumesAtKeyframe() throws Exception {
        Publisher p = publish("live/a", new Control());
        ManualExecutor stalled = new ManualExecutor();
        RecordingSubscriber slow = new RecordingSubscriber();
        SubscriberInfo small = new SubscriberInfo("test", "slow", 100, 1 << 20);
        Subscription slowSub = router.subscribe("live/a", small, stalled, slow);
        RecordingSubscriber fast = new RecordingSubscriber();
        router.subscribe("live/a", roomy("fast"), loop(), fast);

        writeAv(p, 600, 30, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> fast.track(0).size() == 600);
        assertThat(slowSub.queuedFrames()).isLessThanOrEqualTo(100);
        assertThat(slowSub.droppedFrames()).isGreaterThan(0);

        stalled.runAll();
        writeAv2(p, 600, 660);
        stalled.runAll();
        List<Frame> video = slow.track(0);
        // Every run of consecutive video frames starts at a keyframe: nothing decodes against a missing reference.
        long previous = -2;
        for (Frame f : video) {
            long n = TestMedia.indexOf(f);
            if (n != previous + 1) {
                assertThat(f.keyframe()).as("frame %d after a gap", n).isTrue();
            }
            previous = n;
        }
        assertThat(TestMedia.indexOf(video.get(video.size() - 1))).isEqualTo(659);
    }

    private static void writeAv2(Publisher p, int from, int to) {
        for (int v = from; v < to; v++) {
            p.write(TestMedia.video(v, 30, 0));
        }
    }

    @Test
    void newSubscriberStartsAtLatestKeyframeFromGopCache() throws Exception {
        Publisher p = publish("live/a", new Control());
        writeAv(p, 45, 30, 0); // keyframes at 0 and 30; frames 30..44 are the current GOP
        RecordingSubscriber s = new RecordingSubscriber();
        router.subscribe("live/a", new SubscriberInfo("test", "late"), loop(), s);
        await().atMost(Duration.ofSeconds(5)).until(() -> s.track(0).size() == 15);
        assertThat(s.track(0).get(0).keyframe()).isTrue();
        assertThat(s.track(0)).extracting(TestMedia::indexOf).containsExactlyElementsOf(rangeFrom(30, 45));
        // Audio since that keyframe came too, so playback starts with sound.
        assertThat(s.track(1)).isNotEmpty();
        assertThat(s.track(1).get(0).dts() * 90_000 / 48_000).isGreaterThanOrEqualTo(30 * 3000 - 2000);
    }

    @Test
    void subscriberJoiningWithoutCachedGopWaitsForKeyframe() throws Exception {
        router.close();
        router = new StreamRouter(new RouterConfig(Duration.ofSeconds(1), false, 5, 1 << 20, Duration.ZERO,
                Duration.ofSeconds(10)), PublishHook.ALLOW_ALL);
        Publisher p = publish("live/a", new Control());
        for (int v = 0; v < 20; v++) { // GOP of 30 outgrows the 5-frame cache
            p.write(TestMedia.video(v, 30, 0));
        }
        RecordingSubscriber s = new RecordingSubscriber();
        router.subscribe("live/a", new SubscriberInfo("test", "late"), loop(), s);
        for (int v = 20; v < 35; v++) {
            p.write(TestMedia.video(v, 30, 0));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> s.track(0).size() == 5);
        assertThat(s.track(0)).extracting(TestMedia::indexOf).containsExactly(30L, 31L, 32L, 33L, 34L);
    }

    @Test
    void reconnectWithinGraceKeepsSubscribersAndTimestampsMonotonic() throws Exception {
        Publisher first = publish("live/a", new Control());
        RecordingSubscriber s = new RecordingSubscriber();
        router.subscribe("live/a", new SubscriberInfo("test", "v"), loop(), s);
        writeAv(first, 60, 30, 900_000); // starts at 10 s in the publisher's clock
        first.close();
        assertThat(router.find("live/a")).get().extracting(Stream::state).isEqualTo(Stream.State.WAITING);

        Publisher second = publish("live/a", new Control()); // an encoder restarting its clock at 0
        writeAv(second, 60, 30, 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> s.track(0).size() == 120);
        assertThat(s.ended.get()).isNull();
        assertThat(s.discontinuities.get()).isEqualTo(1);
        assertMonotonic(s.track(0));
        assertMonotonic(s.track(1));
        assertThat(s.track(0).get(0).dts()).isEqualTo(TimestampRebaser.ORIGIN_US * 90 / 1000);
        // A/V sync of the second session is kept: its first video and audio frames start together.
        Frame v2 = s.track(0).get(60);
        Frame a2 = s.track(1).stream().filter(f -> TestMedia.indexOf(f) == 0).skip(1).findFirst().orElseThrow();
        assertThat(Math.abs(v2.dts() / 90 - a2.dts() / 48)).isLessThanOrEqualTo(1);
        // The gap between sessions is small, not the 10 s jump of the publisher's clock.
        Frame lastOfFirst = s.track(0).get(59);
        assertThat(v2.dts() - lastOfFirst.dts()).isBetween(1L, 90_000L);
    }

    @Test
    void streamEndsAfterGracePeriodWithoutPublisher() throws Exception {
        router.close();
        router = new StreamRouter(new RouterConfig(Duration.ofMillis(50), false, 100, 1 << 20, Duration.ZERO,
                Duration.ofSeconds(10)), PublishHook.ALLOW_ALL);
        Publisher p = publish("live/a", new Control());
        RecordingSubscriber s = new RecordingSubscriber();
        router.subscribe("live/a", new SubscriberInfo("test", "v"), loop(), s);
        p.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> s.ended.get() != null);
        assertThat(s.ended.get()).isEqualTo(Subscriber.EndReason.STREAM_ENDED);
        assertThat(router.find("live/a")).isEmpty();
        assertThatThrownBy(() -> router.subscribe("live/a", new SubscriberInfo("test", "v"), loop(), s))
                .isInstanceOf(StreamNotFoundException.class);
    }

    @Test
    void secondPublisherIsRefusedWhileFirstIsLive() throws Exception {
        publish("live/a", new Control());
        assertThatThrownBy(() -> publish("live/a", new Control()))
                .isInstanceOf(PublishRejectedException.class)
                .extracting(e -> ((PublishRejectedException) e).reason())
                .isEqualTo(PublishRejectedException.Reason.PATH_BUSY);
    }

    @Test
    void takeoverWhenAllowedDisconnectsOldPublisherAndIgnoresItsWrites() throws Exception {
        router.close();
        router = new StreamRouter(new RouterConfig(Duration.ofSeconds(5), true, 100, 1 << 20, Duration.ZERO,
                Duration.ofSeconds(10)), PublishHook.ALLOW_ALL);
        Control oldControl = new Control();
        Publisher old = publish("live/a", oldControl);
        RecordingSubscriber s = new RecordingSubscriber();
        router.subscribe("live/a", new SubscriberInfo("test", "v"), loop(), s);
        Publisher fresh = publish("live/a", new Control());
        assertThat(oldControl.disconnects).hasSize(1);
        assertThat(old.isActive()).isFalse();
        old.write(TestMedia.video(0, 30, 0));
        fresh.write(TestMedia.video(1000, 30, 0)); // index 1000 is not a keyframe at gop 30 -> use 990
        fresh.write(TestMedia.video(990, 30, 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> s.track(0).size() == 1);
        assertThat(TestMedia.indexOf(s.track(0).get(0))).isEqualTo(990);
        old.close(); // closing a taken-over publisher does not end the stream
        assertThat(router.find("live/a")).get().extracting(Stream::state).isEqualTo(Stream.State.LIVE);
    }

    @Test
    void publishHookMayRenameOrReject() throws Exception {
        router.close();
        router = new StreamRouter(RouterConfig.DEFAULTS, req -> req.query().containsKey("key")
                ? new PublishHook.PublishDecision.Allow("live/public-" + req.query().get("key"))
                : new PublishHook.PublishDecision.Reject("missing key"));
        Publisher p = router.publish(new PublishRequest("live/secret", "test", "", Map.of("key", "k1")), new Control());
        assertThat(p.path()).isEqualTo("live/public-k1");
        assertThat(router.find("live/public-k1")).isPresent();
        assertThatThrownBy(() -> router.publish(new PublishRequest("live/x", "test", "", Map.of()), new Control()))
                .isInstanceOf(PublishRejectedException.class).hasMessage("missing key");
        assertThatThrownBy(() -> router.publish(new PublishRequest("../etc", "test", "", Map.of("key", "../x")),
                new Control())).isInstanceOf(PublishRejectedException.class);
    }

    @Test
    void parameterChangeIsDeliveredInBandAndRepeatedParametersAreNot() throws Exception {
        Publisher p = publish("live/a", new Control());
        RecordingSubscriber s = new RecordingSubscriber();
        router.subscribe("live/a", new SubscriberInfo("test", "v"), loop(), s);
        p.setTrack(VIDEO.withParameters(new CodecParameters.H264Parameters(
                List.of(new byte[] {0x67, 0x42, 0x00, 0x1f}), List.of(new byte[] {0x68}))));
        Track changed = VIDEO.withParameters(new CodecParameters.H264Parameters(
                List.of(new byte[] {0x67, 0x64, 0x00, 0x28}), List.of(new byte[] {0x68})));
        p.setTrack(changed);
        p.write(TestMedia.video(0, 30, 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> s.frames.size() == 1);
        assertThat(s.trackUpdates).hasSize(2);
        assertThat(s.trackUpdates.get(1)).containsExactly(changed, AUDIO);
        assertThat(s.events.get(2)).isInstanceOf(Frame.class);
    }

    @Test
    void failingSubscriberEndsAloneAndOthersContinue() throws Exception {
        Publisher p = publish("live/a", new Control());
        Subscriber bad = new RecordingSubscriber() {
            @Override
            public void onFrame(Frame frame) {
                throw new IllegalStateException("boom");
            }
        };
        router.subscribe("live/a", new SubscriberInfo("test", "bad"), loop(), bad);
        RecordingSubscriber good = new RecordingSubscriber();
        router.subscribe("live/a", new SubscriberInfo("test", "good"), loop(), good);
        writeAv(p, 60, 30, 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> good.track(0).size() == 60);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> router.find("live/a").orElseThrow().subscriptions().size() == 1);
    }

    @Test
    void subscriberThatNeverReadsIsBoundedEvenUnderParameterFlood() throws Exception {
        Publisher p = publish("live/a", new Control());
        ManualExecutor never = new ManualExecutor();
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = router.subscribe("live/a", new SubscriberInfo("test", "dead", 50, 1 << 20), never, s);
        for (int i = 0; i < 1000; i++) {
            p.setTrack(VIDEO.withParameters(new CodecParameters.H264Parameters(
                    List.of(new byte[] {0x67, (byte) i, (byte) (i >> 8)}), List.of(new byte[] {0x68}))));
            p.write(TestMedia.video(i, 30, 0));
        }
        assertThat(sub.queuedFrames()).isLessThanOrEqualTo(50);
        assertThat(router.find("live/a").orElseThrow().subscriptions()).isEmpty();
        never.runAll();
        assertThat(s.ended.get()).isEqualTo(Subscriber.EndReason.UNSUBSCRIBED);
    }

    @Test
    void keyframeRequestsReachThePublisherRateLimited() throws Exception {
        Control control = new Control();
        publish("live/a", control);
        Subscription sub = router.subscribe("live/a", new SubscriberInfo("test", "v"), loop(), new RecordingSubscriber());
        for (int i = 0; i < 10; i++) {
            sub.requestKeyframe();
        }
        assertThat(control.keyframeRequests.get()).isEqualTo(1);
    }

    @Test
    void trackStatsMeasureGopAndReordering() throws Exception {
        Publisher p = publish("live/a", new Control());
        for (int v = 0; v < 61; v++) {
            long dts = v * 3000L;
            long pts = v % 30 == 0 ? dts : dts + 6000; // composition offset: B-frames
            Frame f = TestMedia.video(v, 30, 0);
            p.write(new Frame(0, pts, dts, f.keyframe(), f.payload(), f.ingestNanos()));
        }
        TrackStats st = router.find("live/a").orElseThrow().trackStats(0).orElseThrow();
        assertThat(st.frames()).isEqualTo(61);
        assertThat(st.keyframes()).isEqualTo(3);
        assertThat(st.gopFrames()).isEqualTo(30);
        assertThat(st.gopMillis()).isEqualTo(1000);
        assertThat(st.reordered()).isTrue();
    }

    private static void assertMonotonic(List<Frame> frames) {
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).dts()).as("dts at %d", i).isGreaterThan(frames.get(i - 1).dts());
            assertThat(frames.get(i).pts()).isGreaterThanOrEqualTo(frames.get(i).dts());
        }
    }

    private static List<Long> range(long n) {
        return rangeFrom(0, n);
    }

    private static List<Long> rangeFrom(long from, long to) {
        List<Long> l = new ArrayList<>();
        for (long i = from; i < to; i++) {
            l.add(i);
        }
        return l;
    }
}
