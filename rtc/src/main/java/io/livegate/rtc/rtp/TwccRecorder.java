package io.livegate.rtc.rtp;

import io.livegate.rtc.rtcp.RtcpException;
import io.livegate.rtc.rtcp.TransportWideCcFeedback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The receive side of transport-wide congestion control (draft-holmer-rmcat-transport-wide-cc-extensions-01):
 * records the transport sequence number and arrival time of every packet of a session, and turns them
 * into feedback packets when asked (every 50-100 ms). A publishing browser that negotiated transport-cc
 * sizes its bitrate from this feedback alone. Bounded: at most {@code capacity} packets are kept between
 * two calls; older ones are reported lost. One thread.
 */
public final class TwccRecorder {

    /** 100 ms of 20 Mbit/s in 1200-byte packets is about 200 packets; 4096 tolerates a stalled timer. */
    public static final int DEFAULT_CAPACITY = 4096;

    private final int senderSsrc;
    private final int mediaSsrc;
    private final long[] arrivals;
    private final int mask;
    private boolean started;
    private long nextBase;     // extended seq of the first packet not yet reported
    private long highest = -1; // highest extended seq recorded
    private int feedbackCount;

    public TwccRecorder(int senderSsrc, int mediaSsrc) {
        this(senderSsrc, mediaSsrc, DEFAULT_CAPACITY);
    }

    public TwccRecorder(int senderSsrc, int mediaSsrc, int capacity) {
        if (capacity < 16 || Integer.bitCount(capacity) != 1 || capacity > 65536) {
            throw new IllegalArgumentException("capacity must be a power of two in 16..65536, got " + capacity);
        }
        this.senderSsrc = senderSsrc;
        this.mediaSsrc = mediaSsrc;
        this.arrivals = new long[capacity];
        this.mask = capacity - 1;
        Arrays.fill(arrivals, -1);
    }

    /** Records a packet's transport-wide sequence number and arrival time (µs, monotonic). */
    public void received(int transportSequence, long arrivalMicros) {
        int seq = transportSequence & 0xFFFF;
        if (!started) {
            started = true;
            nextBase = seq;
            highest = seq - 1;
        }
        long ext = highest + (short) (seq - (int) (highest & 0xFFFF));
        if (ext < nextBase) {
            return; // already reported as lost
        }
        if (ext > highest) {
            for (long s = Math.max(highest + 1, ext - arrivals.length + 1); s < ext; s++) {
                arrivals[(int) (s & mask)] = -1;
            }
            highest = ext;
            if (highest - nextBase >= arrivals.length) {
                nextBase = highest - arrivals.length + 1; // could not be reported in time
            }
        }
        arrivals[(int) (ext & mask)] = Math.max(arrivalMicros, 0);
    }

    /** Feedback for everything recorded since the last call (empty when nothing new arrived). */
    public List<TransportWideCcFeedback> feedback() {
        List<TransportWideCcFeedback> out = new ArrayList<>();
        while (started && nextBase <= highest) {
            int n = (int) Math.min(highest - nextBase + 1, 0xFFFF);
            long[] times = new long[n];
            int firstReceived = -1;
            int count = n;
            for (int i = 0; i < n; i++) {
                times[i] = arrivals[(int) ((nextBase + i) & mask)];
                if (times[i] >= 0) {
                    if (firstReceived < 0) {
                        firstReceived = i;
                    } else if (Math.abs(times[i] - times[firstReceived]) > 8_000_000L) {
                        count = i; // a large delta cannot span this gap: start the next feedback here
                        break;
                    }
                }
            }
            TransportWideCcFeedback f;
            try {
                f = TransportWideCcFeedback.build(senderSsrc, mediaSsrc, (int) (nextBase & 0xFFFF), feedbackCount,
                        Arrays.copyOf(times, count));
            } catch (RtcpException e) {
                // Arrivals too far apart within 8 s (clock jumps): report the first packet alone.
                count = 1;
                f = TransportWideCcFeedback.build(senderSsrc, mediaSsrc, (int) (nextBase & 0xFFFF), feedbackCount,
                        Arrays.copyOf(times, 1));
            }
            feedbackCount = (feedbackCount + 1) & 0xFF;
            out.add(f);
            nextBase += count;
        }
        return out;
    }
}
