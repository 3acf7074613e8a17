package io.livegate.rtc.rtcp;

import static io.livegate.rtc.rtcp.RtcpHeader.i32;
import static io.livegate.rtc.rtcp.RtcpHeader.need;
import static io.livegate.rtc.rtcp.RtcpHeader.put32;

/** PLI (RFC 4585 6.3.1): PSFB FMT 1, no FCI. Asks the sender of {@code mediaSsrc} for a keyframe. */
public record PictureLossIndication(int senderSsrc, int mediaSsrc) implements RtcpPacket {

    public static final int FMT = 1;

    static PictureLossIndication parse(byte[] b, int off, int len) {
        need(len, 12, "PLI");
        return new PictureLossIndication(i32(b, off + 4), i32(b, off + 8));
    }

    @Override
    public int encodedLength() {
        return 12;
    }

    @Override
    public int writeTo(byte[] b, int off) {
        RtcpHeader.write(b, off, FMT, TYPE_PSFB, 12);
        put32(b, off + 4, senderSsrc);
        put32(b, off + 8, mediaSsrc);
        return 12;
    }
}
