package io.livegate.router;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import java.util.List;

/** Synthetic tracks and frames for bus tests: 30 fps H.264 video (track 0) and 48 kHz AAC audio (track 1). */
public final class TestMedia {

    public static final Track VIDEO = new Track(0, Codec.H264, 90_000,
            new CodecParameters.H264Parameters(List.of(new byte[] {0x67, 0x42, 0x00, 0x1f}), List.of(new byte[] {0x68})));
    public static final Track AUDIO = new Track(1, Codec.AAC, 48_000,
            new CodecParameters.AacParameters(new byte[] {0x11, (byte) 0x90}));

    private TestMedia() {
    }

    /** Video frame number {@code n} (3000 ticks apart), a keyframe every {@code gop} frames, marked by its index. */
    public static Frame video(long n, int gop, long originTicks) {
        return new Frame(0, originTicks + n * 3000, originTicks + n * 3000, n % gop == 0,
                new Payload.NalUnits(List.of(index(n))), System.nanoTime());
    }

    /** Audio frame number {@code n} (1024 samples apart). */
    public static Frame audio(long n, long originTicks) {
        return new Frame(1, originTicks + n * 1024, originTicks + n * 1024, true, new Payload.AacFrame(index(n)),
                System.nanoTime());
    }

    /** The frame number a test frame carries in its payload. */
    public static long indexOf(Frame f) {
        byte[] b = switch (f.payload()) {
            case Payload.NalUnits n -> n.units().get(0);
            case Payload.AacFrame a -> a.data();
            default -> throw new IllegalArgumentException();
        };
        long v = 0;
        for (int i = 1; i < 9; i++) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    private static byte[] index(long n) {
        byte[] b = new byte[100];
        b[0] = 0x41;
        for (int i = 8; i >= 1; i--) {
            b[i] = (byte) n;
            n >>>= 8;
        }
        return b;
    }
}
