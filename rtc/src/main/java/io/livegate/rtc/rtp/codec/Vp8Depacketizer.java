package io.livegate.rtc.rtp.codec;

import io.livegate.rtc.rtp.codec.RtpCodecException.Reason;

/**
 * VP8 per RFC 7741 4.2-4.3: skips the payload descriptor (X, I with 7- or 15-bit picture id, L, T/K
 * bytes); a frame starts at S=1 with partition index 0, and is a keyframe when the P bit of the VP8 payload
 * header (RFC 6386 9.1) is 0.
 */
public final class Vp8Depacketizer extends VpxDepacketizer {

    public Vp8Depacketizer() {
        this(DepacketizerLimits.DEFAULT);
    }

    public Vp8Depacketizer(DepacketizerLimits limits) {
        super(limits);
    }

    /** Length of the payload descriptor; throws when it runs past the payload. */
    static int descriptorLength(byte[] p) {
        if (p.length < 1) {
            throw new RtpCodecException(Reason.MALFORMED, "empty VP8 payload");
        }
        int i = 1;
        if ((p[0] & 0x80) != 0) {
            if (p.length < 2) {
                throw new RtpCodecException(Reason.MALFORMED, "VP8 descriptor cut after X");
            }
            int x = p[1] & 0xFF;
            i = 2;
            if ((x & 0x80) != 0) {
                if (p.length <= i) {
                    throw new RtpCodecException(Reason.MALFORMED, "VP8 picture id cut");
                }
                i += (p[i] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) {
                i++;
            }
            if ((x & 0x30) != 0) {
                i++;
            }
        }
        if (i > p.length) {
            throw new RtpCodecException(Reason.MALFORMED, "VP8 descriptor of " + i + " bytes in " + p.length);
        }
        return i;
    }

    @Override
    public boolean isFrameStart(byte[] p) {
        return p.length > 0 && (p[0] & 0x10) != 0 && (p[0] & 0x0F) == 0;
    }

    @Override
    int descriptor(byte[] p) {
        return descriptorLength(p);
    }

    @Override
    boolean startsKeyframe(byte[] p, int d) {
        return d < p.length && (p[d] & 0x01) == 0;
    }
}
