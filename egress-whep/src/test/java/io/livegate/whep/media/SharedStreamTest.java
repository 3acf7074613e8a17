package io.livegate.whep.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.Subscriber;
import io.livegate.router.SubscriberInfo;
import io.livegate.router.Subscription;
import io.livegate.whep.TestSdp;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Packetize once, cache the GOP packetized, fan out, and leave the stream when the last viewer goes. */
class SharedStreamTest {

    private static final Track VIDEO = new Track(0, Codec.H264, 90_000, new CodecParameters.H264Parameters(
            List.of(TestSdp.BASELINE_SPS), List.of(TestSdp.PPS)));
    private static final Track AUDIO = new Track(1, Codec.OPUS, 48_000, new CodecParameters.OpusParameters(2, 312,
            48_000));

    /** A sink that records what it gets. */
    static class Recorder implements MediaSink {
        final List<List<Track>> tracks = new ArrayList<>();
        final List<PacketizedFrame> start = new ArrayList<>();
        final List<PacketizedFrame> frames = new ArrayList<>();
        String ended;
        boolean started;

        public EventExecutor executor() {
            return ImmediateEventExecutor.INSTANCE;
        }

        public void onTracks(List<Track> t) {
            tracks.add(t);
        }

        public void onStart(List<PacketizedFrame> cached) {
            started = true;
            start.addAll(cached);
        }

        public void onFrame(PacketizedFrame frame) {
            frames.add(frame);
        }

        public void onEnd(String reason) {
            ended = reason;
        }
    }

    /** A fake source: remembers the subscriber, counts closes and keyframe requests. */
    static final class Source implements FrameSource {
        Subscriber subscriber;
        final AtomicInteger subscribes = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicInteger keyframes = new AtomicInteger();

        public Subscription subscribe(String path, SubscriberInfo info, java.util.concurrent.Executor e,
                                      Subscriber s) {
            subscriber = s;
            subscribes.incrementAndGet();
            return new Subscription() {
                public String path() {
                    return path;
                }

                public SubscriberInfo info() {
                    return info;
                }

                public void requestKeyframe() {
                    keyframes.incrementAndGet();
                }

                public long deliveredFrames() {
                    return 0;
                }

                public long droppedFrames() {
                    return 0;
                }

                public int queuedFrames() {
                    return 0;
                }

                public void close() {
                    closed.set(true);
                }
            };
        }
    }

    private static Frame video(int i, boolean key, int size) {
        byte[] slice = new byte[size];
        slice[0] = (byte) (key ? 0x65 : 0x41);
        return new Frame(0, i * 3000L, i * 3000L, key, new Payload.NalUnits(List.of(slice)), 0);
    }

    private static Frame audio(int i) {
        return new Frame(1, i * 960L, i * 960L, true, new Payload.OpusPacket(new byte[] {(byte) 0xFC, 1, 2}), 0);
    }

    @Test
    void newViewerGetsThePacketizedGopFromTheLatestKeyframe() throws Exception {
        Source source = new Source();
        StreamFanout fanout = new StreamFanout(source, 1200, 1000);
        SharedStream s = fanout.open("live/a", ImmediateEventExecutor.INSTANCE);
        Subscriber sub = source.subscriber;
        sub.onTracks(List.of(VIDEO, AUDIO));
        sub.onFrame(video(0, false, 100)); // before any keyframe: not cached
        sub.onFrame(video(1, true, 3000)); // 3 packets (+ SPS/PPS in a STAP-A)
        sub.onFrame(audio(0));
        sub.onFrame(video(2, false, 100));
        assertThat(s.cachedFrames()).isEqualTo(3);

        Recorder r = new Recorder();
        s.attach(r);
        assertThat(r.tracks).containsExactly(List.of(VIDEO, AUDIO));
        assertThat(r.started).isTrue();
        assertThat(r.start).extracting(PacketizedFrame::timestamp).containsExactly(3000L, 0L, 6000L);
        PacketizedFrame key = r.start.get(0);
        assertThat(key.keyframe()).isTrue();
        assertThat(key.payloads()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(p -> assertThat(p.length)
                .isLessThanOrEqualTo(1200));
        assertThat(key.payloads().get(0)[0] & 0x1F).as("SPS/PPS first, STAP-A").isEqualTo(24);

        sub.onFrame(video(3, false, 100));
        assertThat(r.frames).singleElement().satisfies(f -> assertThat(f.timestamp()).isEqualTo(9000));

        // A new keyframe restarts the cache.
        sub.onFrame(video(4, true, 100));
        assertThat(s.cachedFrames()).isEqualTo(1);

        // The same stream is shared: one subscription for two viewers.
        assertThat(fanout.open("live/a", ImmediateEventExecutor.INSTANCE)).isSameAs(s);
        Recorder r2 = new Recorder();
        s.attach(r2);
        assertThat(r2.start).hasSize(1);
        assertThat(source.subscribes).hasValue(1);
        s.requestKeyframe();
        assertThat(source.keyframes).hasValue(1);

        s.detach(r);
        assertThat(source.closed).isFalse();
        s.detach(r2);
        assertThat(source.closed).isTrue();
        assertThat(fanout.streamCount()).isZero();
    }

    @Test
    void anOverlongGopIsNotCached() throws Exception {
        Source source = new Source();
        SharedStream s = new StreamFanout(source, 1200, 10).open("live/b", ImmediateEventExecutor.INSTANCE);
        source.subscriber.onTracks(List.of(VIDEO));
        source.subscriber.onFrame(video(0, true, 100));
        for (int i = 1; i < 20; i++) {
            source.subscriber.onFrame(video(i, false, 100));
        }
        assertThat(s.cachedFrames()).isZero();
        Recorder r = new Recorder();
        s.attach(r);
        assertThat(r.start).isEmpty();
    }

    @Test
    void streamEndReachesEveryViewer() throws Exception {
        Source source = new Source();
        StreamFanout fanout = new StreamFanout(source, 1200, 100);
        SharedStream s = fanout.open("live/c", ImmediateEventExecutor.INSTANCE);
        Recorder r = new Recorder();
        s.attach(r);
        source.subscriber.onEnd(Subscriber.EndReason.STREAM_ENDED);
        assertThat(r.ended).isEqualTo("stream_ended");
        assertThat(fanout.streamCount()).isZero();
        Recorder late = new Recorder();
        s.attach(late);
        assertThat(late.ended).isNotNull();
    }

    @Test
    void aacWithoutTranscoderIsSkipped() throws Exception {
        Source source = new Source();
        SharedStream s = new StreamFanout(source, 1200, 100).open("live/d", ImmediateEventExecutor.INSTANCE);
        Track aac = new Track(1, Codec.AAC, 48_000, new CodecParameters.AacParameters(new byte[] {0x11, (byte) 0x90}));
        source.subscriber.onTracks(List.of(VIDEO, aac));
        Recorder r = new Recorder();
        s.attach(r);
        source.subscriber.onFrame(new Frame(1, 0, 0, true, new Payload.AacFrame(new byte[] {1, 2}), 0));
        source.subscriber.onFrame(video(0, true, 10));
        assertThat(r.frames).extracting(PacketizedFrame::codec).containsExactly(Codec.H264);
    }

    @Test
    void aCodecChangeDropsTheCacheAndThePacketizer() throws Exception {
        Source source = new Source();
        SharedStream s = new StreamFanout(source, 1200, 100).open("live/e", ImmediateEventExecutor.INSTANCE);
        source.subscriber.onTracks(List.of(VIDEO));
        source.subscriber.onFrame(video(0, true, 10));
        assertThat(s.cachedFrames()).isEqualTo(1);
        Track vp8 = new Track(0, Codec.VP8, 90_000, new CodecParameters.VpxParameters(0, 8, 320, 180));
        source.subscriber.onTracks(List.of(vp8));
        assertThat(s.cachedFrames()).isZero();
        Recorder r = new Recorder();
        s.attach(r);
        source.subscriber.onFrame(new Frame(0, 0, 0, true, new Payload.VpxFrame(new byte[] {0x10, 0x02, 0, (byte) 0x9d,
                0x01, 0x2a, 0x40, 0x01, (byte) 0xb4, 0}), 0));
        assertThat(r.frames).singleElement().satisfies(f -> {
            assertThat(f.codec()).isEqualTo(Codec.VP8);
            assertThat(f.payloads().get(0)[0] & 0x10).as("VP8 payload descriptor S bit").isEqualTo(0x10);
        });
    }
}
