package io.livegate.rtc.rtcp;

import io.livegate.rtc.rtcp.RtcpException.Reason;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Compound RTCP (RFC 3550 6.1): a datagram holding one or more packets back to back. */
public final class RtcpPackets {

    private RtcpPackets() {
    }

    public static List<RtcpPacket> parseCompound(byte[] b, int off, int len) {
        return parseCompound(b, off, len, RtcpLimits.DEFAULT);
    }

    /**
     * Parses every packet of a compound datagram. Unknown types become {@link RawPacket}s. Padding is
     * accepted on any packet (libwebrtc pads transport-cc feedback in the middle of compounds), and a
     * padding count of 0 is read as no padding.
     *
     * @throws RtcpException when any packet is malformed; the whole datagram is then dropped
     */
    public static List<RtcpPacket> parseCompound(byte[] b, int off, int len, RtcpLimits limits) {
        if (len < 4) {
            throw new RtcpException(Reason.TRUNCATED, "RTCP datagram of " + len + " bytes");
        }
        List<RtcpPacket> out = new ArrayList<>(4);
        int p = off;
        int end = off + len;
        while (p < end) {
            if (out.size() == limits.maxPacketsPerCompound()) {
                throw new RtcpException(Reason.TOO_MANY, "more than " + limits.maxPacketsPerCompound()
                        + " packets in one compound");
            }
            RtcpHeader h = RtcpHeader.parse(b, p, end - p);
            int plen = h.packetLength();
            if (plen > end - p) {
                throw new RtcpException(Reason.TRUNCATED, "packet type " + h.type() + " of " + plen
                        + " bytes, " + (end - p) + " left");
            }
            int content = plen;
            if (h.padding()) {
                int pad = b[p + plen - 1] & 0xFF;
                // Some libwebrtc versions set P on transport-cc feedback that carries no padding (count 0).
                if (pad > plen - 4) {
                    throw new RtcpException(Reason.BAD_PADDING, "padding " + pad + " in a " + plen + "-byte packet");
                }
                content -= pad;
            }
            out.add(parseOne(h, b, p, content, plen, limits));
            p += plen;
        }
        return out;
    }

    public static List<RtcpPacket> parseCompound(byte[] b) {
        return parseCompound(b, 0, b.length);
    }

    /** Parses the readable bytes without moving the reader index. */
    public static List<RtcpPacket> parseCompound(ByteBuf buf) {
        int len = buf.readableBytes();
        if (buf.hasArray()) {
            return parseCompound(buf.array(), buf.arrayOffset() + buf.readerIndex(), len);
        }
        byte[] copy = new byte[len];
        buf.getBytes(buf.readerIndex(), copy);
        return parseCompound(copy, 0, len);
    }

    private static RtcpPacket parseOne(RtcpHeader h, byte[] b, int p, int content, int plen, RtcpLimits limits) {
        return switch (h.type()) {
            case RtcpPacket.TYPE_SR -> SenderReport.parse(h, b, p, content);
            case RtcpPacket.TYPE_RR -> ReceiverReport.parse(h, b, p, content);
            case RtcpPacket.TYPE_SDES -> SourceDescription.parse(h, b, p, content);
            case RtcpPacket.TYPE_BYE -> Goodbye.parse(h, b, p, content);
            case RtcpPacket.TYPE_RTPFB -> switch (h.count()) {
                case TransportLayerNack.FMT -> TransportLayerNack.parse(b, p, content);
                case TransportWideCcFeedback.FMT -> TransportWideCcFeedback.parse(b, p, content, limits);
                default -> raw(b, p, plen);
            };
            case RtcpPacket.TYPE_PSFB -> switch (h.count()) {
                case PictureLossIndication.FMT -> PictureLossIndication.parse(b, p, content);
                case FullIntraRequest.FMT -> FullIntraRequest.parse(b, p, content);
                case ReceiverEstimatedMaximumBitrate.FMT -> ReceiverEstimatedMaximumBitrate.matches(b, p, content)
                        ? ReceiverEstimatedMaximumBitrate.parse(b, p, content) : raw(b, p, plen);
                default -> raw(b, p, plen);
            };
            default -> raw(b, p, plen);
        };
    }

    private static RawPacket raw(byte[] b, int p, int plen) {
        return new RawPacket(Arrays.copyOfRange(b, p, p + plen));
    }

    public static int encodedLength(List<? extends RtcpPacket> packets) {
        int n = 0;
        for (RtcpPacket p : packets) {
            n += p.encodedLength();
        }
        return n;
    }

    /** Writes the packets back to back at {@code off}; returns the bytes written. */
    public static int writeCompound(List<? extends RtcpPacket> packets, byte[] b, int off) {
        int p = off;
        for (RtcpPacket packet : packets) {
            p += packet.writeTo(b, p);
        }
        return p - off;
    }

    /** The compound datagram, with {@code spare} bytes of room at the end (for SRTCP). */
    public static byte[] writeCompound(List<? extends RtcpPacket> packets, int spare) {
        byte[] b = new byte[encodedLength(packets) + spare];
        writeCompound(packets, b, 0);
        return b;
    }

    public static byte[] writeCompound(List<? extends RtcpPacket> packets) {
        return writeCompound(packets, 0);
    }
}
