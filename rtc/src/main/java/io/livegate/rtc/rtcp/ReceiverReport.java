package io.livegate.rtc.rtcp;

import static io.livegate.rtc.rtcp.RtcpHeader.i32;
import static io.livegate.rtc.rtcp.RtcpHeader.need;
import static io.livegate.rtc.rtcp.RtcpHeader.put32;

import java.util.Arrays;
import java.util.List;

/** RR: the reporter's SSRC and report blocks (RFC 3550 6.4.2). */
public record ReceiverReport(int ssrc, List<ReceptionReport> reports, byte[] profileExtension) implements RtcpPacket {

    public ReceiverReport {
        reports = List.copyOf(reports);
        profileExtension = profileExtension == null ? new byte[0] : profileExtension.clone();
        if (reports.size() > 31 || profileExtension.length % 4 != 0) {
            throw new RtcpException(RtcpException.Reason.OUT_OF_RANGE, reports.size()
                    + " report blocks (max 31) or extension of " + profileExtension.length + " bytes");
        }
    }

    public ReceiverReport(int ssrc, List<ReceptionReport> reports) {
        this(ssrc, reports, null);
    }

    static ReceiverReport parse(RtcpHeader h, byte[] b, int off, int len) {
        int fixed = 8 + ReceptionReport.LENGTH * h.count();
        need(len, fixed, "RR with " + h.count() + " reports");
        return new ReceiverReport(i32(b, off + 4), ReceptionReport.parseList(b, off + 8, h.count()),
                Arrays.copyOfRange(b, off + fixed, off + len));
    }

    @Override
    public int encodedLength() {
        return 8 + ReceptionReport.LENGTH * reports.size() + profileExtension.length;
    }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.write(b, off, reports.size(), TYPE_RR, n);
        put32(b, off + 4, ssrc);
        int at = ReceptionReport.writeList(reports, b, off + 8);
        System.arraycopy(profileExtension, 0, b, at, profileExtension.length);
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceiverReport r && r.ssrc == ssrc && r.reports.equals(reports)
                && Arrays.equals(r.profileExtension, profileExtension);
    }

    @Override
    public int hashCode() {
        return ssrc * 31 + reports.hashCode();
    }
}
