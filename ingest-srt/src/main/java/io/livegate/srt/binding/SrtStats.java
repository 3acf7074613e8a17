package io.livegate.srt.binding;

/**
 * Receive-side statistics of one SRT connection, read with {@code srt_bstats} (totals since the connection
 * started; counters are never cleared).
 *
 * @param msTimeStamp        connection age in milliseconds
 * @param packetsReceived    data packets received, retransmissions included
 * @param bytesReceived      payload bytes received
 * @param packetsLost        packets detected lost (a NAK was sent)
 * @param packetsRetransmitted retransmitted packets received
 * @param packetsDropped     packets dropped as too late to play (loss SRT could not recover in time)
 * @param packetsUndecrypted packets that failed to decrypt
 * @param packetsBelated     packets that arrived after their play time and were ignored
 * @param mbpsReceiveRate    receive rate in Mbit/s
 * @param rttMs              smoothed round-trip time in milliseconds
 * @param mbpsBandwidth      estimated link bandwidth in Mbit/s
 * @param receiveBufferFreeBytes free space in the receive buffer
 * @param receiveBufferMs    time span of undelivered data in the receive buffer
 * @param tsbpdDelayMs       the negotiated receiver latency in milliseconds
 */
public record SrtStats(long msTimeStamp, long packetsReceived, long bytesReceived, long packetsLost,
                       long packetsRetransmitted, long packetsDropped, long packetsUndecrypted, long packetsBelated,
                       double mbpsReceiveRate, double rttMs, double mbpsBandwidth, long receiveBufferFreeBytes,
                       long receiveBufferMs, long tsbpdDelayMs) {

    public static final SrtStats EMPTY = new SrtStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
