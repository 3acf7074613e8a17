package io.livegate.rtc.rtp.codec;

import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.rtc.rtp.codec.RtpCodecException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * AV1 per the AOM RTP payload format v1.0 (4.4, 5): OBUs without their size field become OBU elements,
 * each written with a leb128 length (W=0) and fragmented across packets with the Z/Y bits; temporal
 * delimiters, tile lists and padding are dropped (5.3). N is set on the first packet of a keyframe that
 * carries a sequence header.
 */
public final class Av1Packetizer implements RtpPacketizer {

    static final int OBU_SEQUENCE_HEADER = 1;
    static final int OBU_TEMPORAL_DELIMITER = 2;
    static final int OBU_TILE_LIST = 8;
    static final int OBU_PADDING = 15;

    @Override
    public List<byte[]> packetize(Frame frame, int maxPayloadSize) {
        if (maxPayloadSize < 3) {
            throw new IllegalArgumentException("max payload " + maxPayloadSize + " < 3");
        }
        if (!(frame.payload() instanceof Payload.Av1TemporalUnit tu)) {
            throw new IllegalArgumentException("AV1 needs Av1TemporalUnit, got " + frame.payload().getClass().getSimpleName());
        }
        List<byte[]> elements = new ArrayList<>();
        boolean sequenceHeader = false;
        for (byte[] obu : tu.obus()) {
            byte[] e = element(obu);
            if (e == null) {
                continue;
            }
            sequenceHeader |= ((e[0] >>> 3) & 0x0F) == OBU_SEQUENCE_HEADER;
            elements.add(e);
        }
        List<byte[]> out = new ArrayList<>();
        byte[] packet = new byte[maxPayloadSize];
        int len = 1;
        boolean z = false;
        for (int i = 0; i < elements.size(); i++) {
            byte[] e = elements.get(i);
            int at = 0;
            while (at < e.length) {
                int room = maxPayloadSize - len;
                int rest = e.length - at;
                if (Leb128.size(rest) + rest <= room) {
                    len += Leb128.write(packet, len, rest);
                    System.arraycopy(e, at, packet, len, rest);
                    len += rest;
                    at = e.length;
                } else {
                    int n = room - Leb128.size(room);
                    if (n > 0) {
                        len += Leb128.write(packet, len, n);
                        System.arraycopy(e, at, packet, len, n);
                        len += n;
                        at += n;
                    }
                    // The packet is full: Y says its last element continues in the next one.
                    boolean y = n > 0;
                    if (len > 1) {
                        packet[0] = header(z, y, out.isEmpty() && frame.keyframe() && sequenceHeader);
                        out.add(Arrays.copyOf(packet, len));
                    }
                    z = y;
                    len = 1;
                }
            }
        }
        if (len > 1 || out.isEmpty()) {
            packet[0] = header(z, false, out.isEmpty() && frame.keyframe() && sequenceHeader);
            out.add(Arrays.copyOf(packet, len));
        }
        return out;
    }

    private static byte header(boolean z, boolean y, boolean n) {
        return (byte) ((z ? 0x80 : 0) | (y ? 0x40 : 0) | (n ? 0x08 : 0));
    }

    /** The OBU without its size field (has_size cleared), or null for OBUs RTP must not carry. */
    static byte[] element(byte[] obu) {
        if (obu.length == 0) {
            return null;
        }
        int h = obu[0] & 0xFF;
        int type = (h >>> 3) & 0x0F;
        if (type == OBU_TEMPORAL_DELIMITER || type == OBU_TILE_LIST || type == OBU_PADDING) {
            return null;
        }
        int headerLen = (h & 0x04) != 0 ? 2 : 1;
        if (obu.length < headerLen) {
            throw new RtpCodecException(Reason.MALFORMED, "OBU header cut");
        }
        if ((h & 0x02) == 0) {
            return obu;
        }
        long r = Leb128.read(obu, headerLen, obu.length);
        int size = (int) (r >>> 8);
        int start = headerLen + (int) (r & 0xFF);
        if (start + size > obu.length) {
            throw new RtpCodecException(Reason.MALFORMED, "OBU size " + size + " past its " + obu.length + " bytes");
        }
        byte[] e = new byte[headerLen + size];
        e[0] = (byte) (h & ~0x02);
        if (headerLen == 2) {
            e[1] = obu[1];
        }
        System.arraycopy(obu, start, e, headerLen, size);
        return e;
    }
}
