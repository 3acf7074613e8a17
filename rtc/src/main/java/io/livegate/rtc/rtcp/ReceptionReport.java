package io.livegate.rtc.rtcp;

import static io.livegate.rtc.rtcp.RtcpHeader.i32;
import static io.livegate.rtc.rtcp.RtcpHeader.put24;
import static io.livegate.rtc.rtcp.RtcpHeader.put32;
import static io.livegate.rtc.rtcp.RtcpHeader.u24;
import static io.livegate.rtc.rtcp.RtcpHeader.u32;

import java.util.ArrayList;
import java.util.List;

/**
 * One report block of an SR or RR (RFC 3550 6.4.1).
 *
 * @param ssrc                       the source reported on
 * @param fractionLost               lost fraction since the last report, in 1/256
 * @param cumulativeLost             24-bit signed count of lost packets
 * @param extendedHighestSequence    cycles << 16 | highest sequence number received
 * @param jitter                     interarrival jitter in timestamp units
 * @param lastSenderReport           middle 32 bits of the last SR's NTP time (LSR)
 * @param delaySinceLastSenderReport in 1/65536 s (DLSR)
 */
public record ReceptionReport(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
                              long jitter, long lastSenderReport, long delaySinceLastSenderReport) {

    static final int LENGTH = 24;

    public ReceptionReport {
        if (fractionLost < 0 || fractionLost > 255 || cumulativeLost < -(1 << 23) || cumulativeLost >= (1 << 23)) {
            throw new RtcpException(RtcpException.Reason.OUT_OF_RANGE,
                    "fraction " + fractionLost + " or cumulative lost " + cumulativeLost + " out of range");
        }
    }

    /** Writes {@code reports} back to back at {@code at}; returns the offset after them. */
    static int writeList(List<ReceptionReport> reports, byte[] b, int at) {
        for (ReceptionReport r : reports) {
            r.writeTo(b, at);
            at += LENGTH;
        }
        return at;
    }

    static List<ReceptionReport> parseList(byte[] b, int at, int count) {
        List<ReceptionReport> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++, at += LENGTH) {
            int lost = u24(b, at + 5);
            if ((lost & 0x800000) != 0) {
                lost |= 0xFF000000;
            }
            out.add(new ReceptionReport(i32(b, at), b[at + 4] & 0xFF, lost, u32(b, at + 8), u32(b, at + 12),
                    u32(b, at + 16), u32(b, at + 20)));
        }
        return out;
    }

    void writeTo(byte[] b, int at) {
        put32(b, at, ssrc);
        b[at + 4] = (byte) fractionLost;
        put24(b, at + 5, cumulativeLost & 0xFFFFFF);
        put32(b, at + 8, extendedHighestSequence);
        put32(b, at + 12, jitter);
        put32(b, at + 16, lastSenderReport);
        put32(b, at + 20, delaySinceLastSenderReport);
    }
}
