package io.livegate.rtc.rtp.codec;

import io.livegate.rtc.rtp.codec.RtpCodecException.Reason;

/**
 * VP9 per RFC 9628 4.2: skips the payload descriptor (picture id, layer indices, flexible-mode reference
 * diffs, scalability structure); a frame starts at B=1 and is a keyframe when P=0 there. Layer frames of
 * one picture (same timestamp, up to the marker) are concatenated.
 */
public final class Vp9Depacketizer extends VpxDepacketizer {

    public Vp9Depacketizer() {
        this(DepacketizerLimits.DEFAULT);
    }

    public Vp9Depacketizer(DepacketizerLimits limits) {
        super(limits);
    }

    static int descriptorLength(byte[] p) {
        if (p.length < 1) {
            throw new RtpCodecException(Reason.MALFORMED, "empty VP9 payload");
        }
        int b0 = p[0] & 0xFF;
        boolean flexible = (b0 & 0x10) != 0;
        int i = 1;
        if ((b0 & 0x80) != 0) {
            need(p, i + 1);
            i += (p[i] & 0x80) != 0 ? 2 : 1;
        }
        if ((b0 & 0x20) != 0) {
            i += flexible ? 1 : 2;
        }
        if (flexible && (b0 & 0x40) != 0) {
            for (int refs = 0; ; refs++) {
                need(p, i + 1);
                boolean more = (p[i++] & 0x01) != 0;
                if (!more) {
                    break;
                }
                if (refs == 2) {
                    throw new RtpCodecException(Reason.MALFORMED, "more than 3 VP9 reference diffs");
                }
            }
        }
        if ((b0 & 0x02) != 0) {
            need(p, i + 1);
            int ss = p[i++] & 0xFF;
            int spatial = (ss >>> 5) + 1;
            if ((ss & 0x10) != 0) {
                i += 4 * spatial;
            }
            if ((ss & 0x08) != 0) {
                need(p, i + 1);
                int groups = p[i++] & 0xFF;
                for (int g = 0; g < groups; g++) {
                    need(p, i + 1);
                    i += 1 + ((p[i] >>> 2) & 0x03);
                }
            }
        }
        need(p, i);
        return i;
    }

    private static void need(byte[] p, int n) {
        if (n > p.length) {
            throw new RtpCodecException(Reason.MALFORMED, "VP9 descriptor needs " + n + " bytes, payload has " + p.length);
        }
    }

    @Override
    public boolean isFrameStart(byte[] p) {
        return p.length > 0 && (p[0] & 0x08) != 0;
    }

    @Override
    int descriptor(byte[] p) {
        return descriptorLength(p);
    }

    @Override
    boolean startsKeyframe(byte[] p, int d) {
        return (p[0] & 0x40) == 0;
    }
}
