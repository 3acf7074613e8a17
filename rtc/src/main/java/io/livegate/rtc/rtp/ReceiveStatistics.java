package io.livegate.rtc.rtp;

import io.livegate.rtc.rtcp.ReceptionReport;

/**
 * Reception statistics of one incoming SSRC for RTCP receiver reports (RFC 3550 6.4.1, A.3, A.8): extended
 * highest sequence number, cumulative and fractional loss, interarrival jitter, and LSR/DLSR from the last
 * sender report. Times are arguments (µs on any monotonic clock). One thread.
 */
public final class ReceiveStatistics {

    private final int clockRate;
    private boolean started;
    private int baseSeq;
    private int maxSeq;
    private long cycles;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private boolean haveTransit;
    private long lastSrCompactNtp;
    private long lastSrArrivalMicros;

    /** @param clockRate the RTP clock of the stream (90000 video, 48000 Opus) */
    public ReceiveStatistics(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /** Records one packet (after SRTP, before any reordering). */
    public void received(int sequenceNumber, long rtpTimestamp, long arrivalMicros) {
        int seq = sequenceNumber & 0xFFFF;
        if (!started) {
            started = true;
            baseSeq = seq;
            maxSeq = seq;
        } else {
            int delta = (seq - maxSeq) & 0xFFFF;
            if (delta > 0 && delta < 0x8000) {
                if (seq < maxSeq) {
                    cycles += 0x10000;
                }
                maxSeq = seq;
            }
        }
        received++;
        // A.8: transit time in RTP units; jitter is its smoothed absolute change.
        long arrivalRtp = arrivalMicros * clockRate / 1_000_000L;
        long transit = arrivalRtp - (rtpTimestamp & 0xFFFFFFFFL);
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            if (d < 0x80000000L) { // ignore timestamp jumps (wrap, source restart)
                jitter += (d - jitter) / 16.0;
            }
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /** Records an arriving sender report, for LSR and DLSR in the next report. */
    public void senderReport(long compactNtp, long arrivalMicros) {
        lastSrCompactNtp = compactNtp & 0xFFFFFFFFL;
        lastSrArrivalMicros = arrivalMicros;
    }

    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    public long expected() {
        return started ? extendedHighestSequence() - baseSeq + 1 : 0;
    }

    /** Cumulative lost packets (duplicates can make it negative, as RFC 3550 allows). */
    public long lost() {
        return expected() - received;
    }

    public long jitter() {
        return (long) jitter;
    }

    /** The report block for now; resets the interval used for the fraction lost. */
    public ReceptionReport report(int ssrc, long nowMicros) {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long lost = Math.max(-(1 << 23), Math.min((1 << 23) - 1, lost()));
        long dlsr = lastSrArrivalMicros == 0 && lastSrCompactNtp == 0 ? 0
                : Math.max(0, (nowMicros - lastSrArrivalMicros) * 65536 / 1_000_000L);
        return new ReceptionReport(ssrc, Math.min(fraction, 255), (int) lost, extendedHighestSequence() & 0xFFFFFFFFL,
                jitter() & 0xFFFFFFFFL, lastSrCompactNtp, dlsr & 0xFFFFFFFFL);
    }
}
