package io.livegate.rtc.rtp;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts the packets of one SSRC back in sequence order before a depacketizer. Packets are held while one is
 * missing, up to {@code capacity} sequence numbers ahead of it; past that the missing ones are given up as
 * lost and the held packets are released. Duplicates and packets older than what was released are dropped.
 * A fixed power-of-two ring: memory does not grow. One thread.
 */
public final class ReorderBuffer {

    /** 128 packets hold about 0.5 s of 2.5 Mbit/s video: room for a NACK round trip on most paths. */
    public static final int DEFAULT_CAPACITY = 128;

    private final RtpPacket[] ring;
    private final int mask;
    private boolean started;
    private long expected; // extended sequence number of the next packet to release
    private long highest;
    private long lost;
    private long dropped;

    public ReorderBuffer() {
        this(DEFAULT_CAPACITY);
    }

    public ReorderBuffer(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1 || capacity > 32768) {
            throw new IllegalArgumentException("capacity must be a power of two in 2..32768, got " + capacity);
        }
        ring = new RtpPacket[capacity];
        mask = capacity - 1;
    }

    /** Adds a packet; returns the packets that can now go on, in order (often just this one). */
    public List<RtpPacket> push(RtpPacket packet) {
        int seq = packet.header().sequenceNumber();
        if (!started) {
            started = true;
            expected = seq;
            highest = seq - 1;
        }
        long ext = highest + (short) (seq - (int) (highest & 0xFFFF));
        if (ext < expected || (ring[(int) (ext & mask)] != null && ext <= highest)) {
            dropped++;
            return List.of();
        }
        if (ext - expected >= ring.length) {
            // Too far ahead: give up on everything that cannot fit behind this packet.
            long newExpected = ext - ring.length + 1;
            List<RtpPacket> out = new ArrayList<>();
            while (expected < newExpected) {
                RtpPacket p = take(expected);
                if (p != null) {
                    out.add(p);
                } else {
                    lost++;
                }
                expected++;
            }
            put(ext, packet);
            drain(out);
            return out;
        }
        put(ext, packet);
        List<RtpPacket> out = new ArrayList<>(1);
        drain(out);
        return out;
    }

    /** Releases everything held, treating the gaps as lost (stream end, or a hold timer fired). */
    public List<RtpPacket> flush() {
        List<RtpPacket> out = new ArrayList<>();
        while (expected <= highest) {
            RtpPacket p = take(expected);
            if (p != null) {
                out.add(p);
            } else {
                lost++;
            }
            expected++;
        }
        return out;
    }

    /** True when packets are held behind a gap. */
    public boolean holding() {
        return expected <= highest;
    }

    /** Sequence numbers given up as lost. */
    public long lost() {
        return lost;
    }

    /** Duplicates and packets that came after their place was released. */
    public long dropped() {
        return dropped;
    }

    private void put(long ext, RtpPacket p) {
        ring[(int) (ext & mask)] = p;
        highest = Math.max(highest, ext);
    }

    private RtpPacket take(long ext) {
        int slot = (int) (ext & mask);
        RtpPacket p = ring[slot];
        ring[slot] = null;
        return p;
    }

    private void drain(List<RtpPacket> out) {
        while (expected <= highest && ring[(int) (expected & mask)] != null) {
            out.add(take(expected));
            expected++;
        }
    }
}
