package io.livegate.rtc.rtp;

/**
 * The last packets sent on one stream, by sequence number, for answering NACKs (RFC 4585 6.2.1; with RTX
 * per RFC 4588 the caller re-wraps what it gets). A fixed power-of-two ring: memory does not grow.
 * Entries are {@link RtpPacket} values, which own immutable bytes (packetizer payloads are shared with the
 * frame, not copied), so a viewer's history costs one reference per slot. One thread.
 */
public final class PacketHistory {

    /** 1024 packets cover about 1 s of 8 Mbit/s video in 1200-byte packets, more than a NACK round trip. */
    public static final int DEFAULT_SIZE = 1024;

    private final RtpPacket[] ring;
    private final int mask;

    public PacketHistory() {
        this(DEFAULT_SIZE);
    }

    public PacketHistory(int size) {
        if (size < 1 || Integer.bitCount(size) != 1 || size > 65536) {
            throw new IllegalArgumentException("history size must be a power of two in 1..65536, got " + size);
        }
        this.ring = new RtpPacket[size];
        this.mask = size - 1;
    }

    public void add(RtpPacket packet) {
        ring[packet.header().sequenceNumber() & mask] = packet;
    }

    /** The packet sent with this sequence number, or null when it was never sent or has been overwritten. */
    public RtpPacket get(int sequenceNumber) {
        RtpPacket p = ring[sequenceNumber & mask];
        return p != null && p.header().sequenceNumber() == (sequenceNumber & 0xFFFF) ? p : null;
    }

    public int size() {
        return ring.length;
    }

    public void clear() {
        java.util.Arrays.fill(ring, null);
    }
}
