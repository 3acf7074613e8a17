package io.livegate.rtc.rtp;

import java.util.Arrays;

/**
 * RTX retransmission packets (RFC 4588 4): the original payload behind a 2-byte original sequence number
 * (OSN), sent with the RTX payload type and SSRC and the RTX stream's own sequence numbers.
 */
public final class Rtx {

    private Rtx() {
    }

    /** The RTX packet repairing {@code original}. */
    public static RtpPacket wrap(RtpPacket original, int rtxPayloadType, int rtxSsrc, int rtxSequenceNumber) {
        RtpHeader h = original.header();
        byte[] payload = new byte[2 + original.payload().length];
        payload[0] = (byte) (h.sequenceNumber() >>> 8);
        payload[1] = (byte) h.sequenceNumber();
        System.arraycopy(original.payload(), 0, payload, 2, original.payload().length);
        RtpHeader rh = new RtpHeader(h.marker(), rtxPayloadType, rtxSequenceNumber & 0xFFFF, h.timestamp(), rtxSsrc,
                h.csrcs(), h.extensionProfile(), h.extensions(), h.rawExtension());
        return new RtpPacket(rh, payload);
    }

    /**
     * The original packet inside an RTX packet, or null for a padding-only RTX packet (bandwidth probing)
     * that carries no OSN.
     */
    public static RtpPacket unwrap(RtpPacket rtx, int originalPayloadType, int originalSsrc) {
        byte[] p = rtx.payload();
        if (p.length < 2) {
            return null;
        }
        RtpHeader h = rtx.header();
        int osn = ((p[0] & 0xFF) << 8) | (p[1] & 0xFF);
        RtpHeader oh = new RtpHeader(h.marker(), originalPayloadType, osn, h.timestamp(), originalSsrc, h.csrcs(),
                h.extensionProfile(), h.extensions(), h.rawExtension());
        return new RtpPacket(oh, Arrays.copyOfRange(p, 2, p.length));
    }
}
