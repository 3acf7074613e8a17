package io.livegate.rtc.rtp;

import io.livegate.rtc.rtcp.SenderReport;
import java.util.List;

/**
 * Counters of one outgoing SSRC for RTCP sender reports (RFC 3550 6.4.1): packet and payload octet counts,
 * and the RTP timestamp that corresponds to "now", extrapolated from the last packet sent. Browsers need
 * SRs to synchronise audio with video. One thread.
 */
public final class SendStatistics {

    private final int clockRate;
    private long packets;
    private long octets;
    private long lastRtpTimestamp;
    private long lastSendMicros;
    private boolean sent;

    public SendStatistics(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /**
     * Records one packet.
     *
     * @param rtpTimestamp the timestamp written in the packet
     * @param sendMicros   wall-clock time of sending, µs since 1970
     */
    public void sent(int payloadLength, long rtpTimestamp, long sendMicros) {
        packets++;
        octets += payloadLength;
        lastRtpTimestamp = rtpTimestamp & 0xFFFFFFFFL;
        lastSendMicros = sendMicros;
        sent = true;
    }

    public long packets() {
        return packets;
    }

    public long octets() {
        return octets;
    }

    /** A sender report for now, or null before the first packet (there is no timestamp mapping yet). */
    public SenderReport report(int ssrc, long nowEpochMicros) {
        if (!sent) {
            return null;
        }
        long rtpNow = (lastRtpTimestamp + (nowEpochMicros - lastSendMicros) * clockRate / 1_000_000L) & 0xFFFFFFFFL;
        return new SenderReport(ssrc, SenderReport.ntpTimestamp(nowEpochMicros), rtpNow, packets & 0xFFFFFFFFL,
                octets & 0xFFFFFFFFL, List.of());
    }
}
