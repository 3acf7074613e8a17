package io.livegate.rtc.rtcp;

import static io.livegate.rtc.rtcp.RtcpHeader.i32;
import static io.livegate.rtc.rtcp.RtcpHeader.need;
import static io.livegate.rtc.rtcp.RtcpHeader.put16;
import static io.livegate.rtc.rtcp.RtcpHeader.put32;
import static io.livegate.rtc.rtcp.RtcpHeader.u16;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Generic NACK (RFC 4585 6.2.1): RTPFB FMT 1, one PID + BLP pair per 17 sequence numbers. */
public record TransportLayerNack(int senderSsrc, int mediaSsrc, List<NackPair> pairs) implements RtcpPacket {

    public static final int FMT = 1;

    public TransportLayerNack {
        pairs = List.copyOf(pairs);
    }

    /**
     * One FCI entry.
     *
     * @param packetId   the lost sequence number
     * @param lostBitmap bit i set: packetId + i + 1 is lost too
     */
    public record NackPair(int packetId, int lostBitmap) {
        public NackPair {
            if (packetId < 0 || packetId > 0xFFFF || lostBitmap < 0 || lostBitmap > 0xFFFF) {
                throw new RtcpException(RtcpException.Reason.OUT_OF_RANGE, "NACK pair " + packetId + "/" + lostBitmap);
            }
        }
    }

    /** Builds the pairs for these lost sequence numbers (wrap-aware within one 32768 half). */
    public static TransportLayerNack of(int senderSsrc, int mediaSsrc, Collection<Integer> lost) {
        TreeSet<Integer> sorted = new TreeSet<>((a, c) -> {
            int d = (a - c) & 0xFFFF;
            return d == 0 ? 0 : d < 0x8000 ? 1 : -1;
        });
        sorted.addAll(lost);
        List<NackPair> pairs = new ArrayList<>();
        int pid = -1;
        int blp = 0;
        for (int seq : sorted) {
            int d = pid < 0 ? -1 : (seq - pid) & 0xFFFF;
            if (d >= 1 && d <= 16) {
                blp |= 1 << (d - 1);
            } else {
                if (pid >= 0) {
                    pairs.add(new NackPair(pid, blp));
                }
                pid = seq & 0xFFFF;
                blp = 0;
            }
        }
        if (pid >= 0) {
            pairs.add(new NackPair(pid, blp));
        }
        return new TransportLayerNack(senderSsrc, mediaSsrc, pairs);
    }

    /** Every sequence number this NACK asks for, in order. */
    public List<Integer> lostSequenceNumbers() {
        List<Integer> out = new ArrayList<>();
        for (NackPair p : pairs) {
            out.add(p.packetId());
            for (int i = 0; i < 16; i++) {
                if ((p.lostBitmap() & (1 << i)) != 0) {
                    out.add((p.packetId() + i + 1) & 0xFFFF);
                }
            }
        }
        return out;
    }

    static TransportLayerNack parse(byte[] b, int off, int len) {
        need(len, 12, "NACK");
        int n = (len - 12) / 4;
        List<NackPair> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pairs.add(new NackPair(u16(b, off + 12 + 4 * i), u16(b, off + 14 + 4 * i)));
        }
        return new TransportLayerNack(i32(b, off + 4), i32(b, off + 8), pairs);
    }

    @Override
    public int encodedLength() {
        return 12 + 4 * pairs.size();
    }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.write(b, off, FMT, TYPE_RTPFB, n);
        put32(b, off + 4, senderSsrc);
        put32(b, off + 8, mediaSsrc);
        int p = off + 12;
        for (NackPair pair : pairs) {
            put16(b, p, pair.packetId());
            put16(b, p + 2, pair.lostBitmap());
            p += 4;
        }
        return n;
    }
}
