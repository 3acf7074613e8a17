package io.livegate.srt;

import java.time.Instant;

/**
 * One SRT connection, for the API and metrics.
 *
 * @param path                 the stream path published to
 * @param remoteAddress        the caller, {@code ip:port}
 * @param streamId             the stream id as sent (a MediaMTX password is masked)
 * @param bytesIn              payload bytes received
 * @param bitrate              receive rate in bit/s (libsrt's moving estimate)
 * @param packetsLost          packets detected lost (recovered or not)
 * @param packetsRetransmitted retransmitted packets received
 * @param packetsDropped       packets dropped as too late to recover
 * @param rttMs                round-trip time in milliseconds
 * @param latencyMs            the negotiated receiver latency
 * @param encrypted            whether the connection is encrypted
 * @param receiveBufferMs      undelivered data in the receive buffer, in milliseconds
 * @param continuityErrors     MPEG-TS continuity-counter gaps seen after SRT (unrecovered loss)
 * @param framesIn             frames written to the stream
 * @param started              when the connection was accepted
 */
public record SrtSessionInfo(String path, String remoteAddress, String streamId, long bytesIn, long bitrate,
                             long packetsLost, long packetsRetransmitted, long packetsDropped, double rttMs,
                             int latencyMs, boolean encrypted, long receiveBufferMs, long continuityErrors,
                             long framesIn, Instant started) {
}
