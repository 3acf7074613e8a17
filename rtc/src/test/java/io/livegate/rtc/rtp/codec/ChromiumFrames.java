package io.livegate.rtc.rtp.codec;

import io.livegate.codec.av1.Av1Obu;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for the Chromium-encoded frame captures ({@code chromium-*.lgef}, written by
 * {@code src/test/capture/capture-encoded-frames.mjs}; format in the fixtures README), and their mapping to
 * the canonical payloads.
 */
final class ChromiumFrames {

    /** One encoded frame as Chromium's sender-side encoded transform saw it. */
    record Captured(boolean key, int spatialIndex, int temporalIndex, long rtpTimestamp, int width, int height,
                    byte[] data) {
    }

    static final String VP8 = "chromium-vp8-320x180-45f.lgef";
    static final String VP9 = "chromium-vp9-320x180-45f.lgef";
    static final String AV1 = "chromium-av1-320x180-45f.lgef";

    private ChromiumFrames() {
    }

    static List<Captured> load(String name, String fourcc) {
        ByteBuffer b = ByteBuffer.wrap(CodecFixtures.load(name));
        byte[] magic = new byte[4];
        b.get(magic);
        byte[] codec = new byte[4];
        if (!"LGEF".equals(new String(magic, StandardCharsets.US_ASCII)) || b.get() != 1) {
            throw new AssertionError(name + " is not an LGEF version 1 file");
        }
        b.get(codec);
        if (!fourcc.equals(new String(codec, StandardCharsets.US_ASCII))) {
            throw new AssertionError(name + " holds " + new String(codec, StandardCharsets.US_ASCII) + ", not " + fourcc);
        }
        int count = Short.toUnsignedInt(b.getShort());
        List<Captured> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int flags = Byte.toUnsignedInt(b.get());
            int spatial = Byte.toUnsignedInt(b.get());
            int temporal = Byte.toUnsignedInt(b.get());
            long ts = Integer.toUnsignedLong(b.getInt());
            int w = Short.toUnsignedInt(b.getShort());
            int h = Short.toUnsignedInt(b.getShort());
            byte[] data = new byte[b.getInt()];
            b.get(data);
            out.add(new Captured((flags & 1) != 0, spatial, temporal, ts, w, h, data));
        }
        if (b.hasRemaining()) {
            throw new AssertionError(name + ": " + b.remaining() + " bytes after " + count + " frames");
        }
        return out;
    }

    /** VP8 and VP9 frames map to {@link Payload.VpxFrame} unchanged. */
    static List<Frame> vpx(List<Captured> captured) {
        return captured.stream().map(c -> CodecFixtures.frame(new Payload.VpxFrame(c.data()), c.key())).toList();
    }

    /**
     * Chromium hands AV1 temporal units to the transform in low-overhead form, starting with a temporal
     * delimiter; the canonical {@link Payload.Av1TemporalUnit} keeps the OBUs (with size fields) without it.
     */
    static Payload.Av1TemporalUnit av1(byte[] temporalUnit) {
        return new Payload.Av1TemporalUnit(Av1Obu.dropTemporalDelimiters(Av1Obu.split(temporalUnit, 0, temporalUnit.length)));
    }

    static List<Frame> av1(List<Captured> captured) {
        return captured.stream().map(c -> CodecFixtures.frame(av1(c.data()), c.key())).toList();
    }
}
