package io.livegate.srt.mpegts;

import io.livegate.codec.CodecException;
import io.livegate.codec.opus.OpusToc;
import java.util.function.Consumer;

/**
 * Opus in TS: each access unit in a PES packet starts with an opus_control_header (an 11-bit 0x3FF prefix, trim
 * and extension flags, the au_size coded as a run of 0xFF bytes plus a last byte, optional start/end trim and
 * extension bytes), then one Opus packet. Timestamps move to the 48 kHz clock; each further packet in the PES
 * follows the previous one by its duration from the TOC byte (RFC 6716 3.1).
 */
final class OpusReader implements ElementaryStreamReader {

    private static final int CLOCK = 48_000;
    /** RFC 6716 3.2.5: a packet holds at most 120 ms; far larger au_size values are corrupt. */
    private static final int MAX_PACKET = 1275 * 48;

    private final ElementaryStream stream;
    private final int maxFrames;

    OpusReader(ElementaryStream stream, TsLimits limits) {
        this.stream = stream;
        this.maxFrames = limits.maxAudioFramesPerPes();
    }

    @Override
    public void read(PesPacket pes, Consumer<MediaUnit> out) {
        if (pes.pts() < 0) {
            out.accept(null);
            return;
        }
        byte[] b = pes.data();
        int p = pes.offset();
        int end = p + pes.length();
        long pts = pes.pts() * CLOCK / 90_000;
        int frames = 0;
        while (end - p >= 3) {
            if (((b[p] & 0xff) << 8 | b[p + 1] & 0xe0) != 0x7fe0) {
                out.accept(null);
                return;
            }
            int flags = b[p + 1] & 0xff;
            p += 2;
            int size = 0;
            int v;
            do {
                if (p >= end) {
                    out.accept(null);
                    return;
                }
                v = b[p++] & 0xff;
                size += v;
            } while (v == 0xff && size <= MAX_PACKET);
            if ((flags & 0x10) != 0) {
                p += 2; // start_trim
            }
            if ((flags & 0x08) != 0) {
                p += 2; // end_trim
            }
            if ((flags & 0x04) != 0) {
                if (p >= end) {
                    out.accept(null);
                    return;
                }
                p += 1 + (b[p] & 0xff);
            }
            if (size == 0 || size > MAX_PACKET || p > end || size > end - p) {
                out.accept(null);
                return;
            }
            if (++frames > maxFrames) {
                throw new TsException(TsException.Reason.BAD_ELEMENTARY_STREAM, "PID " + stream.pid()
                        + ": more than " + maxFrames + " Opus packets in one PES packet");
            }
            byte[] packet = new byte[size];
            System.arraycopy(b, p, packet, 0, size);
            p += size;
            int samples;
            try {
                samples = OpusToc.frameDurationSamples(packet);
            } catch (CodecException e) {
                out.accept(null);
                continue;
            }
            out.accept(new MediaUnit.Audio(stream, CLOCK, pts, stream.channels(), samples, packet, null,
                    pes.damaged()));
            pts += samples;
        }
    }
}
