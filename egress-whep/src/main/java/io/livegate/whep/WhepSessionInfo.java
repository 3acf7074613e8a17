package io.livegate.whep;

import java.time.Instant;

/**
 * One viewer, for the API and metrics.
 *
 * @param id               the session resource id
 * @param path             the stream
 * @param remoteAddress    the HTTP client that created it
 * @param state            NEW (waiting for ICE/DTLS), CONNECTED or CLOSED
 * @param iceTransport     udp or tcp once connected, else empty
 * @param videoCodec       negotiated video encoding name and fmtp (e.g. {@code H264 42e01f}), or empty
 * @param audioCodec       negotiated audio encoding name, or empty
 * @param packetsSent      RTP packets sent (retransmissions included)
 * @param bytesSent        RTP payload bytes sent
 * @param bitrate          payload bit/s over the last second
 * @param retransmits      packets re-sent for NACKs
 * @param nacks            NACKed sequence numbers received
 * @param keyframeRequests PLI/FIR received
 * @param droppedPackets   packets dropped because this viewer's queue was full
 * @param fractionLost     last receiver-reported loss fraction of video (0..1)
 * @param jitter           last receiver-reported video jitter, in RTP clock units
 * @param rttMillis        round trip from the last receiver report, or -1
 * @param remb             last REMB estimate in bit/s, or -1
 * @param bframes          the stream reorders frames (B-frames); WebRTC players may stutter
 * @param created          when the session was created
 */
public record WhepSessionInfo(String id, String path, String remoteAddress, String state, String iceTransport,
                              String videoCodec, String audioCodec, long packetsSent, long bytesSent, long bitrate,
                              long retransmits, long nacks, long keyframeRequests, long droppedPackets,
                              double fractionLost, long jitter, double rttMillis, long remb, boolean bframes,
                              Instant created) {
}
