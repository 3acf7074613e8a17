package io.livegate.rtc.rtp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Receive-side loss detection for one stream: sequence numbers skipped over are remembered and offered for
 * NACK every {@code retryIntervalMillis} until they arrive, are asked for {@code maxRetries} times, or fall
 * more than {@code maxMissing} behind the newest packet. Time comes in as arguments (no clock, no threads);
 * the caller turns {@link #due} into a {@link io.livegate.rtc.rtcp.TransportLayerNack}. One thread.
 */
public final class NackGenerator {

    /** libwebrtc keeps at most 1000 missing packets; we track fewer and give up on older ones. */
    public static final int DEFAULT_MAX_MISSING = 512;
    public static final int DEFAULT_MAX_RETRIES = 10;
    /** About one RTT on a good path; libwebrtc retries at the measured RTT, starting around 100 ms. */
    public static final int DEFAULT_RETRY_INTERVAL_MILLIS = 100;

    private final int maxMissing;
    private final int maxRetries;
    private final int retryIntervalMillis;
    private final TreeMap<Long, long[]> missing = new TreeMap<>(); // extended seq -> {retries, lastSentMillis}
    private boolean started;
    private long highest;

    public NackGenerator() {
        this(DEFAULT_MAX_MISSING, DEFAULT_MAX_RETRIES, DEFAULT_RETRY_INTERVAL_MILLIS);
    }

    public NackGenerator(int maxMissing, int maxRetries, int retryIntervalMillis) {
        if (maxMissing < 1 || maxRetries < 1 || retryIntervalMillis < 0) {
            throw new IllegalArgumentException("bad NACK settings " + maxMissing + "/" + maxRetries + "/"
                    + retryIntervalMillis);
        }
        this.maxMissing = maxMissing;
        this.maxRetries = maxRetries;
        this.retryIntervalMillis = retryIntervalMillis;
    }

    /** Records an arrival (original or retransmitted). */
    public void received(int sequenceNumber) {
        int seq = sequenceNumber & 0xFFFF;
        if (!started) {
            started = true;
            highest = seq;
            return;
        }
        int delta = (short) (seq - (int) (highest & 0xFFFF));
        long ext = highest + delta;
        if (delta > 0) {
            for (long s = Math.max(highest + 1, ext - maxMissing); s < ext; s++) {
                missing.put(s, new long[] {0, Long.MIN_VALUE});
            }
            highest = ext;
            while (!missing.isEmpty() && missing.firstKey() <= highest - maxMissing) {
                missing.pollFirstEntry();
            }
        } else {
            missing.remove(ext);
        }
    }

    /** Sequence numbers to NACK now; each one counts as asked again. */
    public List<Integer> due(long nowMillis) {
        List<Integer> out = new ArrayList<>();
        Iterator<Map.Entry<Long, long[]>> it = missing.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, long[]> e = it.next();
            long[] st = e.getValue();
            if (st[1] != Long.MIN_VALUE && nowMillis - st[1] < retryIntervalMillis) {
                continue;
            }
            if (st[0] >= maxRetries) {
                it.remove();
                continue;
            }
            st[0]++;
            st[1] = nowMillis;
            out.add((int) (e.getKey() & 0xFFFF));
        }
        return out;
    }

    /** Sequence numbers still missing. */
    public int missingCount() {
        return missing.size();
    }
}
