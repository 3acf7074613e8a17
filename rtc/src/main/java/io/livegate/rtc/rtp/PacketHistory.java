package io.livegate.rtc.rtp;

import java.util.Arrays;

/**
 * The last packets sent on one stream, by sequence number, for answering NACKs (RFC 4585 6.2.1; RFC 4588
 * RTX re-wraps what it gets). A fixed power-of-two ring of parallel arrays: adding costs no allocation,
 * and the payload arrays are the packetizer's, shared by every viewer, so a viewer's history costs a few
 * words per slot. One thread.
 */
public final class PacketHistory {

    /** 1024 packets cover about 1 s of 8 Mbit/s video in 1200-byte packets, more than a NACK round trip. */
    public static final int DEFAULT_SIZE = 1024;

    /**
     * One remembered packet.
     *
     * @param timestamp the timestamp as passed to {@link #add} (before any per-viewer offset)
     */
    public record Entry(int sequenceNumber, long timestamp, boolean marker, byte[] payload) {
    }

    private final int[] seqs;
    private final long[] timestamps;
    private final boolean[] markers;
    private final byte[][] payloads;
    private final int mask;

    public PacketHistory() {
        this(DEFAULT_SIZE);
    }

    public PacketHistory(int size) {
        if (size < 1 || Integer.bitCount(size) != 1 || size > 65536) {
            throw new IllegalArgumentException("history size must be a power of two in 1..65536, got " + size);
        }
        seqs = new int[size];
        Arrays.fill(seqs, -1);
        timestamps = new long[size];
        markers = new boolean[size];
        payloads = new byte[size][];
        mask = size - 1;
    }

    /** Remembers a sent packet; {@code payload} is kept by reference and must not change afterwards. */
    public void add(int sequenceNumber, long timestamp, boolean marker, byte[] payload) {
        int slot = sequenceNumber & mask;
        seqs[slot] = sequenceNumber & 0xFFFF;
        timestamps[slot] = timestamp;
        markers[slot] = marker;
        payloads[slot] = payload;
    }

    /** Remembers a sent packet's sequence number, timestamp, marker and payload (not its extensions). */
    public void add(RtpPacket packet) {
        RtpHeader h = packet.header();
        add(h.sequenceNumber(), h.timestamp(), h.marker(), packet.payload());
    }

    /** The packet sent with this sequence number, or null when it was never sent or has been overwritten. */
    public Entry get(int sequenceNumber) {
        int slot = sequenceNumber & mask;
        if (seqs[slot] != (sequenceNumber & 0xFFFF)) {
            return null;
        }
        return new Entry(seqs[slot], timestamps[slot], markers[slot], payloads[slot]);
    }

    public int size() {
        return seqs.length;
    }

    public void clear() {
        Arrays.fill(seqs, -1);
        Arrays.fill(payloads, null);
    }
}
