package io.livegate.rtc.rtcp;

import static io.livegate.rtc.rtcp.RtcpHeader.i32;
import static io.livegate.rtc.rtcp.RtcpHeader.need;
import static io.livegate.rtc.rtcp.RtcpHeader.put32;

import java.util.ArrayList;
import java.util.List;

/**
 * FIR (RFC 5104 4.3.1): PSFB FMT 4. The media SSRC field is unused (0); each entry names the SSRC asked
 * for a decoder refresh and a command sequence number that increases per new request.
 */
public record FullIntraRequest(int senderSsrc, int mediaSsrc, List<Entry> entries) implements RtcpPacket {

    public static final int FMT = 4;

    public FullIntraRequest {
        entries = List.copyOf(entries);
    }

    public record Entry(int ssrc, int sequenceNumber) {
        public Entry {
            if (sequenceNumber < 0 || sequenceNumber > 255) {
                throw new RtcpException(RtcpException.Reason.OUT_OF_RANGE, "FIR seq " + sequenceNumber);
            }
        }
    }

    public static FullIntraRequest of(int senderSsrc, int targetSsrc, int sequenceNumber) {
        return new FullIntraRequest(senderSsrc, 0, List.of(new Entry(targetSsrc, sequenceNumber & 0xFF)));
    }

    static FullIntraRequest parse(byte[] b, int off, int len) {
        need(len, 12, "FIR");
        int n = (len - 12) / 8;
        List<Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(new Entry(i32(b, off + 12 + 8 * i), b[off + 16 + 8 * i] & 0xFF));
        }
        return new FullIntraRequest(i32(b, off + 4), i32(b, off + 8), entries);
    }

    @Override
    public int encodedLength() {
        return 12 + 8 * entries.size();
    }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.write(b, off, FMT, TYPE_PSFB, n);
        put32(b, off + 4, senderSsrc);
        put32(b, off + 8, mediaSsrc);
        int p = off + 12;
        for (Entry e : entries) {
            put32(b, p, e.ssrc());
            put32(b, p + 4, (long) e.sequenceNumber() << 24);
            p += 8;
        }
        return n;
    }
}
