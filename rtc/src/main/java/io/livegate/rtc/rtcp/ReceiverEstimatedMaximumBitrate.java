package io.livegate.rtc.rtcp;

import static io.livegate.rtc.rtcp.RtcpHeader.i32;
import static io.livegate.rtc.rtcp.RtcpHeader.need;
import static io.livegate.rtc.rtcp.RtcpHeader.put32;

import java.util.ArrayList;
import java.util.List;

/**
 * REMB (draft-alvestrand-rmcat-remb-03 2.2): PSFB FMT 15 with the "REMB" identifier, a bitrate as an
 * 18-bit mantissa and 6-bit exponent, and the SSRCs it applies to.
 *
 * @param bitrate bits per second; values above {@link #MAX_BITRATE} saturate
 */
public record ReceiverEstimatedMaximumBitrate(int senderSsrc, int mediaSsrc, long bitrate, List<Integer> ssrcs)
        implements RtcpPacket {

    public static final int FMT = 15;
    /** The largest value an 18-bit mantissa with an exponent keeps in a signed long. */
    public static final long MAX_BITRATE = 0x3FFFFL << 45;
    static final int IDENTIFIER = 0x52454D42; // "REMB"

    public ReceiverEstimatedMaximumBitrate {
        ssrcs = List.copyOf(ssrcs);
        if (bitrate < 0 || ssrcs.size() > 255) {
            throw new RtcpException(RtcpException.Reason.OUT_OF_RANGE, "REMB bitrate " + bitrate + " with "
                    + ssrcs.size() + " SSRCs (max 255)");
        }
        bitrate = Math.min(bitrate, MAX_BITRATE);
    }

    static boolean matches(byte[] b, int off, int len) {
        return len >= 16 && i32(b, off + 12) == IDENTIFIER;
    }

    static ReceiverEstimatedMaximumBitrate parse(byte[] b, int off, int len) {
        need(len, 20, "REMB");
        int n = b[off + 16] & 0xFF;
        need(len, 20 + 4 * n, "REMB with " + n + " SSRCs");
        int exp = (b[off + 17] & 0xFF) >>> 2;
        long mantissa = ((b[off + 17] & 0x03L) << 16) | ((b[off + 18] & 0xFFL) << 8) | (b[off + 19] & 0xFFL);
        long bitrate = mantissa == 0 ? 0
                : (64 - Long.numberOfLeadingZeros(mantissa)) + exp > 63 ? MAX_BITRATE : mantissa << exp;
        List<Integer> ssrcs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ssrcs.add(i32(b, off + 20 + 4 * i));
        }
        return new ReceiverEstimatedMaximumBitrate(i32(b, off + 4), i32(b, off + 8), bitrate, ssrcs);
    }

    @Override
    public int encodedLength() {
        return 20 + 4 * ssrcs.size();
    }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.write(b, off, FMT, TYPE_PSFB, n);
        put32(b, off + 4, senderSsrc);
        put32(b, off + 8, mediaSsrc);
        put32(b, off + 12, IDENTIFIER);
        int exp = 0;
        long m = bitrate;
        while (m >= (1 << 18)) {
            m >>>= 1;
            exp++;
        }
        b[off + 16] = (byte) ssrcs.size();
        b[off + 17] = (byte) ((exp << 2) | (int) (m >>> 16));
        b[off + 18] = (byte) (m >>> 8);
        b[off + 19] = (byte) m;
        int p = off + 20;
        for (int s : ssrcs) {
            put32(b, p, s);
            p += 4;
        }
        return n;
    }
}
