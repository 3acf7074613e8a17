package io.livegate.srt.mpegts;

import io.livegate.codec.CodecException;
import io.livegate.codec.aac.AdtsHeader;
import io.livegate.codec.aac.AudioSpecificConfig;
import java.util.function.Consumer;

/**
 * AAC in ADTS (ISO/IEC 13818-7 6.2, stream_type 0x0F): a PES packet holds one or more ADTS frames; the PES
 * timestamp belongs to the first frame that starts in it and each further frame is 1024 samples later. A frame
 * cut at the end of a PES packet is completed from the next one and keeps the earlier timeline. Bytes that are
 * not a frame start are skipped up to the next sync word.
 */
final class AdtsReader implements ElementaryStreamReader {

    /** 13-bit frame_length. */
    static final int MAX_FRAME = 0x1fff;
    private static final int SAMPLES_PER_FRAME = 1024;

    private final ElementaryStream stream;
    private final int maxFrames;
    private final byte[] pending = new byte[MAX_FRAME];
    private int pendingLen;
    private long nextPts = -1;
    private int nextRate;
    private int configKey = -1;
    private byte[] config;
    private int channels;

    AdtsReader(ElementaryStream stream, TsLimits limits) {
        this.stream = stream;
        this.maxFrames = limits.maxAudioFramesPerPes();
    }

    @Override
    public void read(PesPacket pes, Consumer<MediaUnit> out) {
        byte[] b = pes.data();
        int p = pes.offset();
        int end = p + pes.length();
        int carried = 0;
        if (pendingLen > 0) {
            byte[] joined = new byte[pendingLen + pes.length()];
            System.arraycopy(pending, 0, joined, 0, pendingLen);
            System.arraycopy(b, p, joined, pendingLen, pes.length());
            if (completes(joined, pendingLen, pes.length())) {
                carried = pendingLen;
                b = joined;
                p = 0;
                end = joined.length;
            } else {
                out.accept(null); // the cut frame does not continue here: drop it rather than eat good frames
            }
            pendingLen = 0;
        }
        int frames = 0;
        int newFrames = 0;
        boolean skipped = false;
        while (end - p >= AdtsHeader.MIN_HEADER_LENGTH) {
            AdtsHeader h = header(b, p, end - p);
            if (h == null) {
                p++; // not a frame start: hunt for the next sync word
                skipped = true;
                continue;
            }
            if (h.frameLength() > end - p) {
                break;
            }
            if (++frames > maxFrames) {
                throw new TsException(TsException.Reason.BAD_ELEMENTARY_STREAM, "PID " + stream.pid()
                        + ": more than " + maxFrames + " ADTS frames in one PES packet");
            }
            int rate = h.sampleRate();
            long pts;
            if (p < carried && nextPts >= 0 && nextRate == rate) {
                pts = nextPts;
            } else if (pes.pts() >= 0 && p >= carried) {
                pts = pes.pts() * rate / 90_000 + (long) newFrames * SAMPLES_PER_FRAME;
                newFrames++;
            } else if (nextPts >= 0 && nextRate == rate) {
                pts = nextPts;
            } else {
                out.accept(null); // no timeline yet
                p += h.frameLength();
                continue;
            }
            nextPts = pts + (long) SAMPLES_PER_FRAME * h.rawDataBlocks();
            nextRate = rate;
            byte[] asc = config(h);
            if (h.rawDataBlocks() != 1 || asc == null) {
                out.accept(null); // several raw blocks per frame, or a PCE channel layout: not carried on the bus
            } else {
                byte[] raw = new byte[h.payloadLength()];
                System.arraycopy(b, p + h.headerLength(), raw, 0, raw.length);
                out.accept(new MediaUnit.Audio(stream, rate, pts, channels, SAMPLES_PER_FRAME, raw, asc,
                        pes.damaged() || skipped));
            }
            p += h.frameLength();
        }
        int rest = end - p;
        if (rest > 0 && rest <= MAX_FRAME && !pes.damaged()) {
            System.arraycopy(b, p, pending, 0, rest);
            pendingLen = rest;
        }
    }

    /**
     * Whether the frame cut at the end of the previous PES packet ends inside the new data exactly where the
     * next frame (or the data) begins.
     */
    private static boolean completes(byte[] joined, int carried, int added) {
        AdtsHeader h = header(joined, 0, joined.length);
        if (h == null) {
            return false;
        }
        int rest = h.frameLength() - carried;
        if (rest < 0 || rest > added) {
            return false;
        }
        int next = carried + rest;
        return joined.length - next < 2 || (joined[next] & 0xff) == 0xff && (joined[next + 1] & 0xf6) == 0xf0;
    }

    /** The header at {@code p}, or null when these bytes cannot start a frame. */
    private static AdtsHeader header(byte[] b, int p, int available) {
        if (available < AdtsHeader.MIN_HEADER_LENGTH || (b[p] & 0xff) != 0xff || (b[p + 1] & 0xf6) != 0xf0) {
            return null; // cheap pre-check (sync word, layer 0) so hunting through garbage throws nothing
        }
        try {
            return AdtsHeader.parse(b, p, available);
        } catch (CodecException e) {
            return null;
        }
    }

    /** The AudioSpecificConfig bytes, rebuilt only when the header's configuration changes; null if unsupported. */
    private byte[] config(AdtsHeader h) {
        int key = h.objectType() << 8 | h.samplingFrequencyIndex() << 4 | h.channelConfiguration();
        if (key != configKey) {
            configKey = key;
            try {
                AudioSpecificConfig asc = h.toAudioSpecificConfig();
                config = asc.toBytes();
                channels = asc.channels();
            } catch (CodecException e) {
                config = null;
            }
        }
        return config;
    }
}
