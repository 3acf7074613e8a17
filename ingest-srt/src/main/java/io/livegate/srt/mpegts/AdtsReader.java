package io.livegate.srt.mpegts;

import java.util.function.Consumer;

/**
 * AAC in ADTS (ISO/IEC 13818-7 6.2, stream_type 0x0F): a PES packet holds one or more ADTS frames; the PES
 * timestamp belongs to the first frame that starts in it and each further frame is 1024 samples later. A frame
 * cut at the end of a PES packet is completed from the next one and keeps the earlier timeline.
 */
final class AdtsReader implements ElementaryStreamReader {

    /** 13-bit frame_length. */
    static final int MAX_FRAME = 8191;
    private static final int SAMPLES_PER_FRAME = 1024;

    private final ElementaryStream stream;
    private final int maxFrames;
    private final byte[] pending = new byte[MAX_FRAME];
    private int pendingLen;
    private long nextPts = -1;
    private int nextRate;

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
            carried = pendingLen;
            b = joined;
            p = 0;
            end = joined.length;
            pendingLen = 0;
        }
        int frames = 0;
        int newFrames = 0;
        boolean skipped = false;
        while (end - p >= AdtsFrameHeader.MIN_SIZE) {
            AdtsFrameHeader h = AdtsFrameHeader.parse(b, p, end - p);
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
            long pts;
            if (p < carried && nextPts >= 0 && nextRate == h.sampleRate()) {
                pts = nextPts;
            } else if (pes.pts() >= 0) {
                pts = pes.pts() * h.sampleRate() / 90_000 + (long) newFrames * SAMPLES_PER_FRAME;
                newFrames++;
            } else if (nextPts >= 0 && nextRate == h.sampleRate()) {
                pts = nextPts;
            } else {
                out.accept(null); // no timeline yet
                p += h.frameLength();
                continue;
            }
            if (h.rawBlocks() != 1) {
                out.accept(null); // several raw blocks per ADTS frame: not carried on the bus
            } else {
                byte[] raw = new byte[h.frameLength() - h.headerLength()];
                System.arraycopy(b, p + h.headerLength(), raw, 0, raw.length);
                out.accept(new MediaUnit.Audio(stream, h.sampleRate(), pts, h.channels(), h.objectType(),
                        SAMPLES_PER_FRAME, raw, pes.damaged() || skipped));
            }
            nextPts = pts + (long) SAMPLES_PER_FRAME * h.rawBlocks();
            nextRate = h.sampleRate();
            p += h.frameLength();
        }
        int rest = end - p;
        if (rest > 0 && rest <= MAX_FRAME && !pes.damaged()) {
            System.arraycopy(b, p, pending, 0, rest);
            pendingLen = rest;
        }
    }
}
