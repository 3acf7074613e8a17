package io.livegate.rtc.rtp.codec;

import io.livegate.media.Frame;
import java.util.List;

/**
 * Splits one frame into RTP payloads of at most {@code maxPayloadSize} bytes. The caller writes the RTP
 * headers: all payloads share the frame's timestamp, and the last one carries the marker bit. Holds no
 * per-viewer state: one packetizer per track serves every viewer.
 */
public interface RtpPacketizer {

    /** Leaves room for IP/UDP, RTP header and extensions, and the SRTP tag inside a 1280-byte IPv6 MTU. */
    int DEFAULT_MAX_PAYLOAD_SIZE = 1200;

    List<byte[]> packetize(Frame frame, int maxPayloadSize);

    default List<byte[]> packetize(Frame frame) {
        return packetize(frame, DEFAULT_MAX_PAYLOAD_SIZE);
    }
}
