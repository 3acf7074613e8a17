package io.livegate.hls;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.StreamRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Publishes synthetic H.264 (real SPS/PPS, fake slices; 30 fps, 1 s GOP) and AAC frames, as fast as asked. */
final class SyntheticPublisher implements AutoCloseable {

    static final byte[] SPS = HexFormat.of().parseHex("6742c00dda05067e7c0440000003004000000f03c50aa8");
    static final byte[] PPS = HexFormat.of().parseHex("68ce0fc8");

    private final Publisher publisher;
    private long video;
    private long audio;

    SyntheticPublisher(StreamRegistry registry, String path) throws Exception {
        publisher = registry.publish(new PublishRequest(path, "test", "127.0.0.1:2", null), reason -> {
        });
        publisher.setTrack(new Track(0, Codec.H264, 90_000,
                new CodecParameters.H264Parameters(List.of(SPS), List.of(PPS))));
        publisher.setTrack(new Track(1, Codec.AAC, 48_000,
                new CodecParameters.AacParameters(new byte[] {0x11, (byte) 0x90})));
    }

    /** Writes frames up to media time {@code seconds}. */
    void until(double seconds) {
        while (true) {
            double vt = video / 30.0;
            double at = audio * 1024 / 48_000.0;
            if (Math.min(vt, at) >= seconds) {
                return;
            }
            if (vt <= at) {
                boolean key = video % 30 == 0;
                byte[] slice = ("slice" + video).getBytes(StandardCharsets.US_ASCII);
                slice[0] = (byte) (key ? 0x65 : 0x41);
                publisher.write(new Frame(0, video * 3000, video * 3000, key,
                        new Payload.NalUnits(key ? List.of(SPS, PPS, slice) : List.of(slice)), System.nanoTime()));
                video++;
            } else {
                publisher.write(new Frame(1, audio * 1024, audio * 1024, true,
                        new Payload.AacFrame(new byte[] {0x21, 0x10, 0x04}), System.nanoTime()));
                audio++;
            }
        }
    }

    /** Writes in real time (sleeping) until media time {@code seconds}. */
    void realtimeUntil(double seconds) throws InterruptedException {
        double start = video / 30.0;
        long t0 = System.nanoTime();
        for (double t = start; t < seconds; t += 0.05) {
            until(t);
            long due = t0 + (long) ((t - start) * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        until(seconds);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
