package io.livegate.srt.mpegts;

import io.livegate.codec.CodecException;
import io.livegate.codec.CodecLimits;
import io.livegate.codec.h264.AnnexB;
import io.livegate.codec.h264.H264NalType;
import io.livegate.codec.h265.H265NalType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * H.264 / H.265 in TS (ISO/IEC 13818-1 2.14, 2.17): a PES packet with a PTS starts an access unit, carried as an
 * Annex B byte stream. Most encoders send one unbounded PES packet (PES_packet_length 0) per access unit, which
 * is emitted at once. Some split a large access unit into several bounded PES packets where only the first has
 * a PTS; so a unit from a bounded packet is held until the next packet shows whether it continues (one frame
 * of delay, only for such encoders). Access unit delimiters are dropped; parameter sets stay in band.
 */
final class AnnexBReader implements ElementaryStreamReader {

    private final ElementaryStream stream;
    private final boolean hevc;
    private final CodecLimits codecLimits;
    // An access unit from bounded PES packets, kept as raw bytes: the continuation may cut a NAL unit anywhere.
    private byte[] held;
    private int heldLength;
    private long heldPts;
    private long heldDts;
    private boolean heldRandomAccess;
    private boolean heldDamaged;

    AnnexBReader(ElementaryStream stream, TsLimits limits) {
        this.stream = stream;
        this.hevc = stream.kind() == StreamKind.H265;
        this.codecLimits = new CodecLimits(limits.maxPesBytes(), limits.maxNalUnitsPerAccessUnit(),
                CodecLimits.DEFAULT_MAX_OBUS_PER_TEMPORAL_UNIT);
    }

    @Override
    public void read(PesPacket pes, Consumer<MediaUnit> out) {
        if (pes.pts() < 0) {
            if (held != null) {
                append(pes.data(), pes.offset(), pes.length());
                heldDamaged |= pes.damaged();
            } else {
                out.accept(null); // no timestamp and nothing to continue
            }
            return;
        }
        flush(out);
        if (pes.bounded()) {
            held = new byte[Math.max(pes.length(), 1024)];
            heldLength = 0;
            append(pes.data(), pes.offset(), pes.length());
            heldPts = pes.pts();
            heldDts = pes.dts();
            heldRandomAccess = pes.randomAccess();
            heldDamaged = pes.damaged();
        } else {
            emit(pes.data(), pes.offset(), pes.length(), pes.pts(), pes.dts(), pes.randomAccess(), pes.damaged(),
                    out);
        }
    }

    @Override
    public void flush(Consumer<MediaUnit> out) {
        if (held != null) {
            byte[] b = held;
            held = null;
            emit(b, 0, heldLength, heldPts, heldDts, heldRandomAccess, heldDamaged, out);
        }
    }

    private void append(byte[] b, int off, int len) {
        if ((long) heldLength + len > codecLimits.maxAccessUnitSize()) {
            int size = heldLength + len;
            held = null;
            throw new TsException(TsException.Reason.PES_TOO_LARGE, "PID " + stream.pid() + ": access unit of "
                    + size + " bytes over several PES packets exceeds " + codecLimits.maxAccessUnitSize());
        }
        if (heldLength + len > held.length) {
            held = Arrays.copyOf(held, (int) Math.min(codecLimits.maxAccessUnitSize(),
                    Math.max(2L * held.length, (long) heldLength + len)));
        }
        System.arraycopy(b, off, held, heldLength, len);
        heldLength += len;
    }

    private void emit(byte[] b, int off, int len, long pts, long dts, boolean rai, boolean damaged,
                      Consumer<MediaUnit> out) {
        List<byte[]> nals;
        try {
            nals = AnnexB.split(b, off, len, codecLimits);
        } catch (CodecException e) {
            if (e.reason() == CodecException.Reason.TOO_LONG) {
                throw new TsException(TsException.Reason.BAD_ELEMENTARY_STREAM,
                        "PID " + stream.pid() + ": " + e.getMessage(), e);
            }
            out.accept(null); // damaged start of an access unit: drop it, the next one starts clean
            return;
        }
        List<byte[]> kept = new ArrayList<>(nals.size());
        for (byte[] nal : nals) {
            boolean aud = hevc ? H265NalType.of(nal) == H265NalType.AUD : H264NalType.of(nal) == H264NalType.AUD;
            if (!aud) {
                kept.add(nal);
            }
        }
        if (kept.isEmpty()) {
            out.accept(null);
            return;
        }
        out.accept(new MediaUnit.Video(stream, pts, dts, kept, rai, damaged));
    }
}
