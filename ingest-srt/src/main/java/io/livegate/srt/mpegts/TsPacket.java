package io.livegate.srt.mpegts;

/**
 * The header of one 188-byte transport packet (ISO/IEC 13818-1 2.4.3.2) and the adaptation-field flags this
 * demuxer uses (2.4.3.4). A view: the payload stays in the caller's array.
 *
 * @param pid                   13-bit packet identifier
 * @param payloadUnitStart      a PES packet or PSI section starts in this payload
 * @param transportError        the transport_error_indicator (the packet is known to be damaged)
 * @param continuityCounter     4-bit counter, incremented per packet with payload
 * @param hasPayload            adaptation_field_control says a payload follows
 * @param discontinuity         the adaptation field's discontinuity_indicator
 * @param randomAccess          the adaptation field's random_access_indicator
 * @param pcr                   program clock reference in 27 MHz units, or -1
 * @param payloadOffset         where the payload starts in the caller's array
 * @param payloadLength         payload bytes (0 when none)
 */
public record TsPacket(int pid, boolean payloadUnitStart, boolean transportError, int continuityCounter,
                       boolean hasPayload, boolean discontinuity, boolean randomAccess, long pcr, int payloadOffset,
                       int payloadLength) {

    public static final int SIZE = 188;
    public static final int SYNC = 0x47;
    public static final int PID_PAT = 0x0000;
    public static final int PID_NULL = 0x1FFF;

    /**
     * Reads the packet at {@code off} (the caller has checked the sync byte and that 188 bytes are there).
     *
     * @return the header, or null when the adaptation field length overruns the packet (a damaged packet)
     */
    public static TsPacket parse(byte[] b, int off) {
        int h1 = b[off + 1] & 0xff;
        int h2 = b[off + 2] & 0xff;
        int h3 = b[off + 3] & 0xff;
        boolean tei = (h1 & 0x80) != 0;
        boolean pusi = (h1 & 0x40) != 0;
        int pid = (h1 & 0x1f) << 8 | h2;
        int afc = h3 >> 4 & 0x3;
        int cc = h3 & 0xf;
        int p = off + 4;
        boolean disc = false;
        boolean rai = false;
        long pcr = -1;
        if ((afc & 0x2) != 0) {
            int afLen = b[p] & 0xff;
            // 0..182 with a payload, exactly 183 without (2.4.3.5)
            int max = (afc & 0x1) != 0 ? 182 : 183;
            if (afLen > max) {
                return null;
            }
            if (afLen > 0) {
                int flags = b[p + 1] & 0xff;
                disc = (flags & 0x80) != 0;
                rai = (flags & 0x40) != 0;
                if ((flags & 0x10) != 0 && afLen >= 7) {
                    long base = (b[p + 2] & 0xffL) << 25 | (b[p + 3] & 0xffL) << 17 | (b[p + 4] & 0xffL) << 9
                            | (b[p + 5] & 0xffL) << 1 | (b[p + 6] & 0x80L) >> 7;
                    int ext = (b[p + 6] & 0x01) << 8 | b[p + 7] & 0xff;
                    pcr = base * 300 + ext;
                }
            }
            p += 1 + afLen;
        }
        boolean hasPayload = (afc & 0x1) != 0;
        int payloadLen = hasPayload ? off + SIZE - p : 0;
        return new TsPacket(pid, pusi, tei, cc, hasPayload, disc, rai, pcr, p, payloadLen);
    }
}
