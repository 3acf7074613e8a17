package io.livegate.srt.mpegts;

import io.livegate.codec.CodecException;
import io.livegate.codec.CodecLimits;
import io.livegate.codec.h264.AnnexB;
import io.livegate.codec.h264.H264NalType;
import io.livegate.codec.h265.H265NalType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * H.264 / H.265 in TS (ISO/IEC 13818-1 2.14, 2.17): each PES packet carries one access unit as an Annex B byte
 * stream. Access unit delimiters are dropped (the bus carries access units already delimited); parameter sets
 * stay in band.
 */
final class AnnexBReader implements ElementaryStreamReader {

    private final ElementaryStream stream;
    private final boolean hevc;
    private final CodecLimits codecLimits;

    AnnexBReader(ElementaryStream stream, TsLimits limits) {
        this.stream = stream;
        this.hevc = stream.kind() == StreamKind.H265;
        this.codecLimits = new CodecLimits(limits.maxPesBytes(), limits.maxNalUnitsPerAccessUnit(),
                CodecLimits.DEFAULT_MAX_OBUS_PER_TEMPORAL_UNIT);
    }

    @Override
    public void read(PesPacket pes, Consumer<MediaUnit> out) {
        if (pes.pts() < 0) {
            out.accept(null);
            return;
        }
        List<byte[]> nals;
        try {
            nals = AnnexB.split(pes.data(), pes.offset(), pes.length(), codecLimits);
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
        out.accept(new MediaUnit.Video(stream, pes.pts(), pes.dts(), kept, pes.randomAccess(), pes.damaged()));
    }
}
