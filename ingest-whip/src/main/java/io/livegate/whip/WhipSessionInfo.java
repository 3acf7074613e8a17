package io.livegate.whip;

import java.time.Instant;

/**
 * One WHIP publisher, for the API and metrics.
 *
 * @param id               the session resource id
 * @param path             the stream published to (after the publish hook)
 * @param remoteAddress    the HTTP client that created it
 * @param state            NEW (waiting for ICE/DTLS), CONNECTED or CLOSED
 * @param iceTransport     udp or tcp once connected, else empty
 * @param videoCodec       received video encoding and fmtp profile (e.g. {@code H264 42e01f}), or empty
 * @param audioCodec       received audio encoding (e.g. {@code opus}), or empty
 * @param packetsIn        RTP packets received (RTX and padding included)
 * @param bytesIn          SRTP bytes received
 * @param bitrate          received bit/s over the last second
 * @param packetsLost      packets lost as the receiver reports count them (before retransmission)
 * @param lostForGood      packets given up on after NACKs and reordering
 * @param nacks            sequence numbers NACKed
 * @param retransmitsIn    RTX packets that carried a repair
 * @param keyframeRequests PLI/FIR sent
 * @param framesIn         frames written to the stream
 * @param framesSkipped    frames not written (waiting for a keyframe after start or loss)
 * @param lipSync          how each track was put on the common timeline, e.g. {@code video=sender_report,
 *                         audio=sender_report}
 * @param created          when the session was created
 */
public record WhipSessionInfo(String id, String path, String remoteAddress, String state, String iceTransport,
                              String videoCodec, String audioCodec, long packetsIn, long bytesIn, long bitrate,
                              long packetsLost, long lostForGood, long nacks, long retransmitsIn,
                              long keyframeRequests, long framesIn, long framesSkipped, String lipSync,
                              Instant created) {
}
