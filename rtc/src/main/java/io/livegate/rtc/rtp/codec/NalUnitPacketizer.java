package io.livegate.rtc.rtp.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The packet layout shared by H.264 (RFC 6184) and H.265 (RFC 7798): a NAL unit larger than the payload
 * budget is fragmented, runs of small neighbours are aggregated (each prefixed by a 16-bit size), anything else
 * goes as a single NAL unit packet. Only the header bytes differ per codec.
 */
abstract sealed class NalUnitPacketizer implements RtpPacketizer permits H264Packetizer, H265Packetizer {

    /** Bytes of the aggregation packet's own NAL header (1 for STAP-A, 2 for AP). */
    abstract int aggregationHeaderSize();

    /** Builds an aggregation packet of {@code size} bytes holding {@code units}. */
    abstract byte[] aggregate(List<byte[]> units, int size);

    /** Appends the fragmentation units of {@code nal} to {@code out}. */
    abstract void fragment(byte[] nal, int maxPayloadSize, List<byte[]> out);

    /** Lays out the access unit's NAL units (already filtered, parameter sets in place) as RTP payloads. */
    final List<byte[]> layout(List<byte[]> units, int maxPayloadSize) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i < units.size()) {
            byte[] u = units.get(i);
            if (u.length > maxPayloadSize) {
                fragment(u, maxPayloadSize, out);
                i++;
                continue;
            }
            int j = i;
            int size = aggregationHeaderSize();
            while (j < units.size() && size + 2 + units.get(j).length <= maxPayloadSize) {
                size += 2 + units.get(j).length;
                j++;
            }
            if (j - i >= 2) {
                out.add(aggregate(units.subList(i, j), size));
                i = j;
            } else {
                out.add(u);
                i++;
            }
        }
        return out;
    }
}
