package io.livegate.hls.muxer;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drives an {@link HlsMuxer} on its own single-thread loop with synthetic frames: H.264 at 30 fps with a keyframe
 * every {@code gop} frames (a real SPS/PPS, fake slices) and AAC-LC at 48 kHz.
 */
final class MuxerHarness implements AutoCloseable {

    static final byte[] SPS = HexFormat.of().parseHex("6742c00dda05067e7c0440000003004000000f03c50aa8");
    static final byte[] PPS = HexFormat.of().parseHex("68ce0fc8");
    static final Track VIDEO = new Track(0, Codec.H264, 90_000,
            new CodecParameters.H264Parameters(List.of(SPS), List.of(PPS)));
    static final Track AUDIO = new Track(1, Codec.AAC, 48_000, new CodecParameters.AacParameters(new byte[] {0x11,
            (byte) 0x90}));

    final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    final HlsMuxer muxer;
    final int gop;
    /** Frames claim to have been ingested at their media time after this instant (a real-time publisher). */
    private final long startNanos = System.nanoTime();
    private long videoIndex;
    private long audioIndex;

    MuxerHarness(MuxerConfig config, int gop, boolean withVideo, boolean withAudio) {
        this(config, gop, withVideo, withAudio, withAudio ? AUDIO : null);
    }

    /** With {@code audioTrack} (id 1) as the audio track; its frames carry AAC-like bytes whatever the codec. */
    MuxerHarness(MuxerConfig config, int gop, boolean withVideo, boolean withAudio, Track audioTrack) {
        this.muxer = new HlsMuxer("live/test", config, loop);
        this.gop = gop;
        List<Track> tracks = new ArrayList<>();
        if (withVideo) {
            tracks.add(VIDEO);
        }
        if (withAudio) {
            tracks.add(audioTrack);
        }
        this.withVideo = withVideo;
        this.withAudio = withAudio;
        on(() -> muxer.onTracks(tracks));
    }

    private final boolean withVideo;
    private final boolean withAudio;

    static MuxerConfig config(Duration blockingTimeout, int maxParked, int window) {
        return new MuxerConfig(Duration.ofSeconds(1), Duration.ofMillis(200), window, 64L << 20, blockingTimeout,
                blockingTimeout, maxParked, Duration.ofSeconds(10), 1000);
    }

    /** Pushes frames, interleaved by time, until media time {@code seconds}. */
    void pushUntil(double seconds) {
        on(() -> {
            while (true) {
                double vt = withVideo ? videoIndex / 30.0 : Double.MAX_VALUE;
                double at = withAudio ? audioIndex * 1024 / 48_000.0 : Double.MAX_VALUE;
                double next = Math.min(vt, at);
                if (next >= seconds) {
                    return;
                }
                if (vt <= at) {
                    boolean key = videoIndex % gop == 0;
                    byte[] slice = ("slice" + videoIndex).getBytes(StandardCharsets.US_ASCII);
                    slice[0] = (byte) (key ? 0x65 : 0x41);
                    List<byte[]> nals = key ? List.of(SPS, PPS, slice) : List.of(slice);
                    muxer.onFrame(new Frame(0, videoIndex * 3000, videoIndex * 3000, key, new Payload.NalUnits(nals),
                            startNanos + videoIndex * 1_000_000_000L / 30));
                    videoIndex++;
                } else {
                    long ts = audioIndex * 1024;
                    muxer.onFrame(new Frame(1, ts, ts, true, new Payload.AacFrame(new byte[] {0x21, 0x10, 0x04}),
                            startNanos + ts * 1_000_000_000L / 48_000));
                    audioIndex++;
                }
            }
        });
    }

    /** Sends a request; the future completes with the answer (possibly later, for parked ones). */
    Request request(HlsResource resource) {
        Request r = new Request();
        on(() -> muxer.serve(resource, "127.0.0.1|test", r));
        return r;
    }

    String playlist(String rendition) throws Exception {
        return request(new HlsResource.MediaPlaylist(rendition, false, -1, -1, false)).text();
    }

    void on(Runnable r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    <T> T call(Callable<T> c) {
        try {
            return loop.submit(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }

    /** A {@link ReplySink} that records the answer. */
    static final class Request implements ReplySink {
        final CompletableFuture<HlsReply> reply = new CompletableFuture<>();
        volatile Runnable cancel;
        volatile int replies;

        @Override
        public void reply(HlsReply r) {
            replies++;
            reply.complete(r);
        }

        @Override
        public void onAbandon(Runnable c) {
            cancel = c;
        }

        boolean answered() {
            return reply.isDone();
        }

        HlsReply get() throws Exception {
            return reply.get(10, TimeUnit.SECONDS);
        }

        int status() throws Exception {
            return get().status();
        }

        String text() throws Exception {
            HlsReply r = get();
            StringBuilder sb = new StringBuilder();
            for (byte[] b : r.body()) {
                sb.append(new String(b, StandardCharsets.UTF_8));
            }
            return sb.toString();
        }
    }
}
