package io.livegate.srt.mpegts;

/**
 * Gathers the payloads of one PID into whole PES packets, bounded by {@link TsLimits#maxPesBytes()}. A packet
 * ends at the next payload-unit start, or as soon as PES_packet_length bytes are in when the header gives one.
 */
final class PesAssembler {

    private static final int INITIAL = 16 * 1024;

    private final int pid;
    private final int maxBytes;
    private byte[] buf = new byte[INITIAL];
    private int len;
    private boolean active;
    private boolean damaged;
    private boolean randomAccess;
    private long declaredTotal = -1; // 6 + PES_packet_length, or -1 when unbounded (video)

    PesAssembler(int pid, int maxBytes) {
        this.pid = pid;
        this.maxBytes = maxBytes;
    }

    boolean active() {
        return active;
    }

    void markDamaged() {
        if (active) {
            damaged = true;
        }
    }

    /** Starts a new PES packet; the caller has flushed the previous one. */
    void start(boolean rai) {
        active = true;
        damaged = false;
        randomAccess = rai;
        len = 0;
        declaredTotal = -1;
    }

    /** Drops what was gathered (a gap before the first unit start, or after an error). */
    void discard() {
        active = false;
        len = 0;
        if (buf.length > INITIAL * 4) {
            buf = new byte[INITIAL]; // give back a keyframe-sized buffer between PES packets of audio-sized ones
        }
    }

    /**
     * Appends payload bytes.
     *
     * @return true when the declared PES_packet_length is now complete (the packet must be finished)
     * @throws TsException PES_TOO_LARGE past the limit
     */
    boolean append(byte[] b, int off, int n) {
        if (!active) {
            return false;
        }
        if ((long) len + n > maxBytes) {
            int size = len + n;
            discard();
            throw new TsException(TsException.Reason.PES_TOO_LARGE,
                    "PES packet on PID " + pid + " reached " + size + " bytes, limit " + maxBytes);
        }
        if (len + n > buf.length) {
            int cap = (int) Math.min(maxBytes, Math.max((long) buf.length * 2, (long) len + n));
            byte[] nb = new byte[cap];
            System.arraycopy(buf, 0, nb, 0, len);
            buf = nb;
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
        if (declaredTotal < 0 && len >= 6) {
            int pesLength = (buf[4] & 0xff) << 8 | buf[5] & 0xff;
            declaredTotal = pesLength == 0 ? Long.MAX_VALUE : 6 + pesLength;
        }
        // Bytes past PES_packet_length in the same transport packet are stuffing some muxers put in the payload
        // instead of the adaptation field; finish() cuts them off.
        return len >= declaredTotal && declaredTotal > 0;
    }

    /**
     * Parses the gathered PES packet and resets, or returns null (and counts nothing) when there is none.
     *
     * @param timestamps the program's unwrapper
     * @return the packet, or null when the header is unusable (the caller counts it)
     */
    PesPacket finish(TimestampUnwrapper timestamps) {
        if (!active) {
            return null;
        }
        active = false;
        boolean bounded = declaredTotal > 0 && declaredTotal != Long.MAX_VALUE;
        // A bounded packet cut short by the next unit start lost its tail.
        boolean dmg = damaged || (bounded && len < declaredTotal);
        if (bounded && len > declaredTotal) {
            len = (int) declaredTotal;
        }
        if (len < 9 || buf[0] != 0 || buf[1] != 0 || buf[2] != 1) {
            return null;
        }
        int streamId = buf[3] & 0xff;
        if (!hasOptionalHeader(streamId)) {
            return new PesPacket(pid, streamId, -1, -1, randomAccess, dmg, bounded, buf, 6, len - 6);
        }
        if ((buf[6] & 0xc0) != 0x80) {
            return null;
        }
        int ptsDtsFlags = (buf[7] & 0xff) >> 6;
        int headerLength = buf[8] & 0xff;
        int payload = 9 + headerLength;
        if (payload > len) {
            return null;
        }
        long pts = -1;
        long dts = -1;
        if ((ptsDtsFlags & 0x2) != 0) {
            if (headerLength < (ptsDtsFlags == 3 ? 10 : 5)) {
                return null;
            }
            pts = timestamps.unwrap(readTimestamp(buf, 9));
            dts = ptsDtsFlags == 3 ? timestamps.unwrap(readTimestamp(buf, 14)) : pts;
        }
        return new PesPacket(pid, streamId, pts, dts, randomAccess, dmg, bounded, buf, payload, len - payload);
    }

    /** 2.4.3.7: the 33-bit value in 5 bytes with marker bits. */
    static long readTimestamp(byte[] b, int p) {
        return (b[p] & 0x0eL) << 29 | (b[p + 1] & 0xffL) << 22 | (b[p + 2] & 0xfeL) << 14
                | (b[p + 3] & 0xffL) << 7 | (b[p + 4] & 0xfeL) >> 1;
    }

    /** Table 2-22: stream_ids whose PES packets have no optional header. */
    private static boolean hasOptionalHeader(int streamId) {
        return switch (streamId) {
            case 0xBC, 0xBE, 0xBF, 0xF0, 0xF1, 0xF2, 0xF8, 0xFF -> false;
            default -> true;
        };
    }
}
