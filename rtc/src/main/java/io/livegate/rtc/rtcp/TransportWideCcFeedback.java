package io.livegate.rtc.rtcp;

import static io.livegate.rtc.rtcp.RtcpHeader.i32;
import static io.livegate.rtc.rtcp.RtcpHeader.need;
import static io.livegate.rtc.rtcp.RtcpHeader.put16;
import static io.livegate.rtc.rtcp.RtcpHeader.put24;
import static io.livegate.rtc.rtcp.RtcpHeader.put32;
import static io.livegate.rtc.rtcp.RtcpHeader.u16;
import static io.livegate.rtc.rtcp.RtcpHeader.u24;

import io.livegate.rtc.rtcp.RtcpException.Reason;
import java.util.Arrays;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 3.1):
 * RTPFB FMT 15. Kept as one status per packet from {@code baseSequenceNumber} and one receive delta per
 * received packet; the writer picks run-length or status-vector chunks itself.
 *
 * @param referenceTime       24-bit reference time in units of 64 ms (raw field value)
 * @param feedbackPacketCount 8-bit feedback sequence number
 * @param statuses            per packet: {@link #NOT_RECEIVED}, {@link #SMALL_DELTA} or {@link #LARGE_DELTA}
 * @param deltas              per received packet, in 250 µs units: 0..255 for small, a signed 16-bit for large
 */
public record TransportWideCcFeedback(int senderSsrc, int mediaSsrc, int baseSequenceNumber, int referenceTime,
                                      int feedbackPacketCount, byte[] statuses, int[] deltas) implements RtcpPacket {

    public static final int FMT = 15;
    public static final int NOT_RECEIVED = 0;
    public static final int SMALL_DELTA = 1;
    public static final int LARGE_DELTA = 2;
    /** Receive deltas are in multiples of 250 µs. */
    public static final int DELTA_MICROS = 250;
    /** The reference time is in multiples of 64 ms. */
    public static final int REFERENCE_MICROS = 64_000;

    public TransportWideCcFeedback {
        statuses = statuses.clone();
        deltas = deltas.clone();
        if (baseSequenceNumber < 0 || baseSequenceNumber > 0xFFFF || referenceTime < 0 || referenceTime > 0xFFFFFF
                || feedbackPacketCount < 0 || feedbackPacketCount > 255 || statuses.length > 0xFFFF) {
            throw new RtcpException(Reason.OUT_OF_RANGE, "TWCC base " + baseSequenceNumber + " ref " + referenceTime
                    + " count " + feedbackPacketCount + " statuses " + statuses.length);
        }
        int d = 0;
        for (byte s : statuses) {
            if (s == SMALL_DELTA || s == LARGE_DELTA) {
                if (d >= deltas.length) {
                    throw new RtcpException(Reason.OUT_OF_RANGE, "fewer deltas than received packets");
                }
                int v = deltas[d++];
                if (s == SMALL_DELTA ? v < 0 || v > 255 : v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw new RtcpException(Reason.OUT_OF_RANGE, "delta " + v + " does not fit status " + s);
                }
            } else if (s != NOT_RECEIVED) {
                throw new RtcpException(Reason.OUT_OF_RANGE, "packet status " + s);
            }
        }
        if (d != deltas.length) {
            throw new RtcpException(Reason.OUT_OF_RANGE, deltas.length + " deltas for " + d + " received packets");
        }
    }

    /**
     * Builds feedback from arrival times.
     *
     * @param arrivalMicros per packet from {@code baseSequenceNumber}: arrival time in µs on the receiver's
     *                      clock, or a negative value when the packet was not received
     * @throws RtcpException OUT_OF_RANGE when a gap between arrivals exceeds a large delta (8.19 s); the
     *                       caller starts a new feedback there
     */
    public static TransportWideCcFeedback build(int senderSsrc, int mediaSsrc, int baseSequenceNumber,
                                                int feedbackPacketCount, long[] arrivalMicros) {
        byte[] statuses = new byte[arrivalMicros.length];
        int[] deltas = new int[arrivalMicros.length];
        int nd = 0;
        long reference = -1;
        long last = 0;
        for (int i = 0; i < arrivalMicros.length; i++) {
            long t = arrivalMicros[i];
            if (t < 0) {
                continue;
            }
            if (reference < 0) {
                reference = Math.floorDiv(t, REFERENCE_MICROS);
                last = reference * REFERENCE_MICROS;
            }
            long ticks = Math.floorDiv(t - last, DELTA_MICROS);
            if (ticks < Short.MIN_VALUE || ticks > Short.MAX_VALUE) {
                throw new RtcpException(Reason.OUT_OF_RANGE, "receive delta of " + ticks * DELTA_MICROS + " µs");
            }
            statuses[i] = (byte) (ticks >= 0 && ticks <= 255 ? SMALL_DELTA : LARGE_DELTA);
            deltas[nd++] = (int) ticks;
            last += ticks * DELTA_MICROS;
        }
        return new TransportWideCcFeedback(senderSsrc, mediaSsrc, baseSequenceNumber & 0xFFFF,
                (int) (Math.max(reference, 0) & 0xFFFFFF), feedbackPacketCount & 0xFF, statuses,
                Arrays.copyOf(deltas, nd));
    }

    public int packetStatusCount() {
        return statuses.length;
    }

    @Override
    public byte[] statuses() {
        return statuses.clone();
    }

    @Override
    public int[] deltas() {
        return deltas.clone();
    }

    /**
     * Arrival time of each packet in µs (reference time * 64 ms plus the running deltas), or -1 when not
     * received. Only differences between arrival times are meaningful.
     */
    public long[] arrivalTimesMicros() {
        long[] out = new long[statuses.length];
        long t = (long) referenceTime * REFERENCE_MICROS;
        int d = 0;
        for (int i = 0; i < statuses.length; i++) {
            if (statuses[i] == NOT_RECEIVED) {
                out[i] = -1;
            } else {
                t += (long) deltas[d++] * DELTA_MICROS;
                out[i] = t;
            }
        }
        return out;
    }

    static TransportWideCcFeedback parse(byte[] b, int off, int len, RtcpLimits limits) {
        need(len, 20, "transport-cc feedback");
        int count = u16(b, off + 14);
        if (count > limits.maxTwccStatuses()) {
            throw new RtcpException(Reason.TOO_MANY, "transport-cc with " + count + " statuses, limit "
                    + limits.maxTwccStatuses());
        }
        byte[] statuses = new byte[count];
        int p = off + 20;
        int end = off + len;
        int n = 0;
        int received = 0;
        while (n < count) {
            need(end - p, 2, "transport-cc chunk");
            int chunk = u16(b, p);
            p += 2;
            if ((chunk & 0x8000) == 0) {
                int symbol = (chunk >>> 13) & 0x3;
                int run = Math.min(chunk & 0x1FFF, count - n);
                for (int i = 0; i < run; i++) {
                    statuses[n++] = (byte) symbol;
                }
                if (symbol != NOT_RECEIVED) {
                    received += run;
                }
            } else if ((chunk & 0x4000) == 0) {
                for (int i = 13; i >= 0 && n < count; i--) {
                    int symbol = (chunk >>> i) & 1;
                    statuses[n++] = (byte) symbol;
                    received += symbol;
                }
            } else {
                for (int i = 12; i >= 0 && n < count; i -= 2) {
                    int symbol = (chunk >>> i) & 3;
                    statuses[n++] = (byte) symbol;
                    received += symbol == NOT_RECEIVED ? 0 : 1;
                }
            }
        }
        int[] deltas = new int[received];
        int d = 0;
        for (int i = 0; i < count; i++) {
            int s = statuses[i];
            if (s == SMALL_DELTA) {
                need(end - p, 1, "transport-cc small delta");
                deltas[d++] = b[p++] & 0xFF;
            } else if (s == LARGE_DELTA) {
                need(end - p, 2, "transport-cc large delta");
                deltas[d++] = (short) u16(b, p);
                p += 2;
            } else if (s != NOT_RECEIVED) {
                throw new RtcpException(Reason.MALFORMED, "reserved packet status 3 at index " + i);
            }
        }
        return new TransportWideCcFeedback(i32(b, off + 4), i32(b, off + 8), u16(b, off + 12), u24(b, off + 16),
                b[off + 19] & 0xFF, statuses, deltas);
    }

    private static final int RUN = 0;
    private static final int ONE_BIT = 1;
    private static final int TWO_BIT = 2;

    private int chunkCount() {
        int chunks = 0;
        for (int i = 0; i < statuses.length; i += (int) plan(i)) {
            chunks++;
        }
        return chunks;
    }

    /**
     * The chunk starting at status {@code i}: kind in the high 32 bits, statuses covered in the low 32.
     * Run-length for runs of 7 or more, else a 14-symbol 1-bit vector unless a large delta is among them,
     * else a 7-symbol 2-bit vector.
     */
    private long plan(int i) {
        int run = runLength(i);
        if (run >= 7) {
            return ((long) RUN << 32) | run;
        }
        int k = Math.min(14, statuses.length - i);
        for (int j = i; j < i + k; j++) {
            if (statuses[j] == LARGE_DELTA) {
                return ((long) TWO_BIT << 32) | Math.min(7, statuses.length - i);
            }
        }
        return ((long) ONE_BIT << 32) | k;
    }

    private int runLength(int i) {
        int r = 1;
        while (i + r < statuses.length && statuses[i + r] == statuses[i] && r < 0x1FFF) {
            r++;
        }
        return r;
    }

    private int unpaddedLength() {
        int n = 20 + 2 * chunkCount();
        for (byte s : statuses) {
            n += s == SMALL_DELTA ? 1 : s == LARGE_DELTA ? 2 : 0;
        }
        return n;
    }

    @Override
    public int encodedLength() {
        return (unpaddedLength() + 3) & ~3;
    }

    @Override
    public int writeTo(byte[] b, int off) {
        int raw = unpaddedLength();
        int n = (raw + 3) & ~3;
        RtcpHeader.write(b, off, FMT, TYPE_RTPFB, n);
        if (n != raw) {
            b[off] |= 0x20; // RFC 3550 padding, as libwebrtc writes it
        }
        put32(b, off + 4, senderSsrc);
        put32(b, off + 8, mediaSsrc);
        put16(b, off + 12, baseSequenceNumber);
        put16(b, off + 14, statuses.length);
        put24(b, off + 16, referenceTime);
        b[off + 19] = (byte) feedbackPacketCount;
        int p = off + 20;
        for (int i = 0; i < statuses.length; ) {
            long plan = plan(i);
            int span = (int) plan;
            int kind = (int) (plan >>> 32);
            int chunk;
            if (kind == RUN) {
                chunk = (statuses[i] << 13) | span;
            } else if (kind == ONE_BIT) {
                chunk = 0x8000;
                for (int j = 0; j < span; j++) {
                    chunk |= statuses[i + j] << (13 - j);
                }
            } else {
                chunk = 0xC000;
                for (int j = 0; j < span; j++) {
                    chunk |= statuses[i + j] << (12 - 2 * j);
                }
            }
            put16(b, p, chunk);
            p += 2;
            i += span;
        }
        int d = 0;
        for (byte s : statuses) {
            if (s == SMALL_DELTA) {
                b[p++] = (byte) deltas[d++];
            } else if (s == LARGE_DELTA) {
                put16(b, p, deltas[d++]);
                p += 2;
            }
        }
        if (n != raw) {
            Arrays.fill(b, p, off + n - 1, (byte) 0);
            b[off + n - 1] = (byte) (n - raw);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportWideCcFeedback t && t.senderSsrc == senderSsrc && t.mediaSsrc == mediaSsrc
                && t.baseSequenceNumber == baseSequenceNumber && t.referenceTime == referenceTime
                && t.feedbackPacketCount == feedbackPacketCount && Arrays.equals(t.statuses, statuses)
                && Arrays.equals(t.deltas, deltas);
    }

    @Override
    public int hashCode() {
        return baseSequenceNumber * 31 + Arrays.hashCode(statuses);
    }

    @Override
    public String toString() {
        return "TransportWideCcFeedback[base=" + baseSequenceNumber + " count=" + statuses.length + " ref="
                + referenceTime + " fb=" + feedbackPacketCount + "]";
    }
}
