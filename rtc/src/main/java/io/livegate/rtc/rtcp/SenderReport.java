package io.livegate.rtc.rtcp;

import static io.livegate.rtc.rtcp.RtcpHeader.i32;
import static io.livegate.rtc.rtcp.RtcpHeader.need;
import static io.livegate.rtc.rtcp.RtcpHeader.put32;
import static io.livegate.rtc.rtcp.RtcpHeader.u32;

import java.util.Arrays;
import java.util.List;

/**
 * SR: sender info and report blocks (RFC 3550 6.4.1).
 *
 * @param ntpTimestamp     64-bit NTP time (seconds since 1900 << 32 | fraction)
 * @param rtpTimestamp     the same instant in the RTP clock
 * @param profileExtension bytes after the report blocks, a multiple of 4
 */
public record SenderReport(int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                           List<ReceptionReport> reports, byte[] profileExtension) implements RtcpPacket {

    public SenderReport {
        reports = List.copyOf(reports);
        profileExtension = profileExtension == null ? new byte[0] : profileExtension.clone();
        if (reports.size() > 31 || profileExtension.length % 4 != 0) {
            throw new RtcpException(RtcpException.Reason.OUT_OF_RANGE, reports.size()
                    + " report blocks (max 31) or extension of " + profileExtension.length + " bytes");
        }
    }

    public SenderReport(int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                        List<ReceptionReport> reports) {
        this(ssrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount, reports, null);
    }

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;

    /** The 64-bit NTP timestamp (RFC 3550 4) for a wall-clock time in microseconds since 1970. */
    public static long ntpTimestamp(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        long micros = Math.floorMod(epochMicros, 1_000_000L);
        return ((seconds + NTP_UNIX_OFFSET_SECONDS) << 32) | ((micros << 32) / 1_000_000L);
    }

    /** The middle 32 bits of the NTP time: what a receiver echoes as LSR. */
    public long compactNtp() {
        return (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
    }

    static SenderReport parse(RtcpHeader h, byte[] b, int off, int len) {
        int fixed = 4 + 24 + ReceptionReport.LENGTH * h.count();
        need(len, fixed, "SR with " + h.count() + " reports");
        long ntp = (u32(b, off + 8) << 32) | u32(b, off + 12);
        return new SenderReport(i32(b, off + 4), ntp, u32(b, off + 16), u32(b, off + 20), u32(b, off + 24),
                ReceptionReport.parseList(b, off + 28, h.count()), Arrays.copyOfRange(b, off + fixed, off + len));
    }

    @Override
    public int encodedLength() {
        return 28 + ReceptionReport.LENGTH * reports.size() + profileExtension.length;
    }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.write(b, off, reports.size(), TYPE_SR, n);
        put32(b, off + 4, ssrc);
        put32(b, off + 8, ntpTimestamp >>> 32);
        put32(b, off + 12, ntpTimestamp);
        put32(b, off + 16, rtpTimestamp);
        put32(b, off + 20, packetCount);
        put32(b, off + 24, octetCount);
        int at = ReceptionReport.writeList(reports, b, off + 28);
        System.arraycopy(profileExtension, 0, b, at, profileExtension.length);
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SenderReport s && s.ssrc == ssrc && s.ntpTimestamp == ntpTimestamp
                && s.rtpTimestamp == rtpTimestamp && s.packetCount == packetCount && s.octetCount == octetCount
                && s.reports.equals(reports) && Arrays.equals(s.profileExtension, profileExtension);
    }

    @Override
    public int hashCode() {
        return ssrc * 31 + Long.hashCode(ntpTimestamp);
    }
}
