package io.livegate.media;

import java.util.List;

/**
 * One access unit's bytes in the single canonical form of its codec. Ingest converts to this form at its
 * edge (AVCC, Annex B, FLV, TS, RTP all end here); the router never rewrites bitstreams.
 */
public sealed interface Payload {

    /** Total payload bytes, for bitrate accounting and queue budgets. */
    int size();

    /** H.264 or H.265: the NAL units of one access unit, without start codes or length prefixes. */
    record NalUnits(List<byte[]> units) implements Payload {
        public NalUnits {
            units = List.copyOf(units);
        }

        @Override
        public int size() {
            int n = 0;
            for (byte[] u : units) {
                n += u.length;
            }
            return n;
        }
    }

    /** One raw AAC frame (no ADTS header). */
    record AacFrame(byte[] data) implements Payload {
        @Override
        public int size() {
            return data.length;
        }
    }

    /** One Opus packet (RFC 6716), as carried in RTP or Ogg. */
    record OpusPacket(byte[] data) implements Payload {
        @Override
        public int size() {
            return data.length;
        }
    }

    /** One VP8 or VP9 frame (a VP9 superframe counts as one frame). */
    record VpxFrame(byte[] data) implements Payload {
        @Override
        public int size() {
            return data.length;
        }
    }

    /**
     * One AV1 temporal unit: its OBUs in low-overhead bitstream format (each with {@code obu_has_size_field}
     * set), temporal delimiters removed.
     */
    record Av1TemporalUnit(List<byte[]> obus) implements Payload {
        public Av1TemporalUnit {
            obus = List.copyOf(obus);
        }

        @Override
        public int size() {
            int n = 0;
            for (byte[] o : obus) {
                n += o.length;
            }
            return n;
        }
    }
}
