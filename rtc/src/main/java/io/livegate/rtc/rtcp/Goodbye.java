package io.livegate.rtc.rtcp;

import static io.livegate.rtc.rtcp.RtcpHeader.i32;
import static io.livegate.rtc.rtcp.RtcpHeader.need;
import static io.livegate.rtc.rtcp.RtcpHeader.put32;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** BYE: sources leaving, with an optional reason (RFC 3550 6.6). */
public record Goodbye(List<Integer> ssrcs, byte[] reason) implements RtcpPacket {

    public Goodbye {
        ssrcs = List.copyOf(ssrcs);
        reason = reason == null ? new byte[0] : reason.clone();
        if (ssrcs.size() > 31 || reason.length > 255) {
            throw new RtcpException(RtcpException.Reason.OUT_OF_RANGE, ssrcs.size() + " SSRCs (max 31) or reason of "
                    + reason.length + " bytes (max 255)");
        }
    }

    public static Goodbye of(int ssrc) {
        return new Goodbye(List.of(ssrc), null);
    }

    @Override
    public byte[] reason() {
        return reason.clone();
    }

    public String reasonText() {
        return new String(reason, StandardCharsets.UTF_8);
    }

    static Goodbye parse(RtcpHeader h, byte[] b, int off, int len) {
        int p = 4 + 4 * h.count();
        need(len, p, "BYE with " + h.count() + " SSRCs");
        List<Integer> ssrcs = new ArrayList<>(h.count());
        for (int i = 0; i < h.count(); i++) {
            ssrcs.add(i32(b, off + 4 + 4 * i));
        }
        byte[] reason = null;
        if (len > p) {
            int l = b[off + p] & 0xFF;
            need(len - p - 1, l, "BYE reason");
            reason = Arrays.copyOfRange(b, off + p + 1, off + p + 1 + l);
        }
        return new Goodbye(ssrcs, reason);
    }

    @Override
    public int encodedLength() {
        return 4 + 4 * ssrcs.size() + (reason.length == 0 ? 0 : (1 + reason.length + 3) & ~3);
    }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.write(b, off, ssrcs.size(), TYPE_BYE, n);
        int p = off + 4;
        for (int s : ssrcs) {
            put32(b, p, s);
            p += 4;
        }
        if (reason.length > 0) {
            b[p] = (byte) reason.length;
            System.arraycopy(reason, 0, b, p + 1, reason.length);
            Arrays.fill(b, p + 1 + reason.length, off + n, (byte) 0);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Goodbye g && g.ssrcs.equals(ssrcs) && Arrays.equals(g.reason, reason);
    }

    @Override
    public int hashCode() {
        return ssrcs.hashCode();
    }
}
