package io.livegate.codec.opus;

import io.livegate.codec.CodecException;

/**
 * The Opus packet table-of-contents byte and frame count (RFC 6716 3.1 and 3.2): how long a packet plays, without
 * decoding it. All durations are in 48 kHz samples, Opus's RTP and MP4 clock.
 */
public final class OpusToc {

    /** RFC 6716 3.2.5: a packet never holds more than 120 ms of audio. */
    public static final int MAX_PACKET_SAMPLES = 5760;

    /** Frame sizes of configs 0..31 (Table 2), in 48 kHz samples. */
    private static final int[] FRAME_SAMPLES = {
        480, 960, 1920, 2880, 480, 960, 1920, 2880, 480, 960, 1920, 2880, // SILK NB, MB, WB: 10/20/40/60 ms
        480, 960, 480, 960, // Hybrid SWB, FB: 10/20 ms
        120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960 // CELT: 2.5/5/10/20 ms
    };

    private OpusToc() {
    }

    /** The config number (0..31) of a TOC byte. */
    public static int config(int toc) {
        return (toc & 0xff) >> 3;
    }

    /** True when the packet's frames are stereo (the s bit). */
    public static boolean stereo(int toc) {
        return (toc & 0x04) != 0;
    }

    /** Samples of each frame, at 48 kHz, for a TOC byte. */
    public static int frameSamples(int toc) {
        return FRAME_SAMPLES[config(toc)];
    }

    /** The operating mode of a TOC byte: "SILK", "Hybrid" or "CELT". */
    public static String mode(int toc) {
        int c = config(toc);
        return c < 12 ? "SILK" : c < 16 ? "Hybrid" : "CELT";
    }

    /**
     * Frames in a packet: 1 for code 0, 2 for codes 1 and 2, and the count byte's M for code 3.
     *
     * @throws CodecException TRUNCATED on an empty packet or a code-3 packet without its count byte, MALFORMED on
     *                        a zero frame count
     */
    public static int frameCount(byte[] packet) {
        if (packet.length < 1) {
            throw CodecException.truncated("Opus TOC byte", 1, 0);
        }
        return switch (packet[0] & 3) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> {
                if (packet.length < 2) {
                    throw CodecException.truncated("Opus code 3 frame count byte", 1, 0);
                }
                int m = packet[1] & 0x3f;
                if (m == 0) {
                    throw CodecException.malformed("Opus code 3 packet with 0 frames");
                }
                yield m;
            }
        };
    }

    /**
     * The packet's duration in 48 kHz samples (frame count times frame size).
     *
     * @throws CodecException as {@link #frameCount}, and MALFORMED past 120 ms
     */
    public static int frameDurationSamples(byte[] packet) {
        int n = frameCount(packet) * frameSamples(packet[0]);
        if (n > MAX_PACKET_SAMPLES) {
            throw CodecException.malformed("Opus packet of " + n + " samples exceeds " + MAX_PACKET_SAMPLES
                    + " (120 ms)");
        }
        return n;
    }
}
