package io.livegate.whep.session;

import io.livegate.rtc.rtp.PacketHistory;
import io.livegate.rtc.rtp.RtpHeader;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.rtp.Rtx;
import io.livegate.rtc.sdp.NegotiatedCodec;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One RTP stream a viewer receives: its own SSRC, sequence numbers and timestamp offset over the shared
 * payloads (RFC 3550 5.1: random initial values), the NACK history, and the counters an SR needs. One thread.
 */
final class OutboundTrack {

    final String kind;
    final int ssrc;
    final int rtxSsrc;
    final int clockRate;
    private NegotiatedCodec codec;
    private final long timestampOffset;
    private final PacketHistory history = new PacketHistory();
    private int sequence;
    private int rtxSequence;

    /** The source timestamp of the last packet sent and when, to place SR timestamps. */
    private long lastSourceTimestamp = Long.MIN_VALUE;
    private long lastMediaNanos;
    private long packets;
    private long octets;
    /** Drop video until a keyframe (start, or after this viewer's queue overflowed). */
    boolean waitKeyframe = true;
    /** The source track feeding this stream, or -1. */
    int sourceTrackId = -1;

    OutboundTrack(String kind, int clockRate) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.kind = kind;
        this.clockRate = clockRate;
        this.ssrc = r.nextInt() | 1;
        this.rtxSsrc = r.nextInt() | 1;
        this.sequence = r.nextInt(1 << 15);
        this.rtxSequence = r.nextInt(1 << 15);
        this.timestampOffset = r.nextLong(1L << 31);
    }

    void bind(NegotiatedCodec negotiated) {
        this.codec = negotiated;
    }

    NegotiatedCodec codec() {
        return codec;
    }

    boolean bound() {
        return codec != null;
    }

    /** The next packet: header rewritten for this viewer, remembered for NACKs. */
    /**
     * The next packet of this track. {@code mediaNanos} is the ingest instant the source timestamp stands for:
     * sender reports map RTP time to wall-clock time from it, so every track of a stream shares one timeline
     * (audio that left later, e.g. after transcoding, still maps to when it was captured) and lip sync holds.
     */
    RtpPacket next(byte[] payload, boolean marker, long sourceTimestamp, long mediaNanos) {
        long ts = (sourceTimestamp + timestampOffset) & 0xFFFFFFFFL;
        RtpPacket p = new RtpPacket(RtpHeader.of(marker, codec.payloadType(), sequence, ts, ssrc), payload);
        sequence = (sequence + 1) & 0xFFFF;
        history.add(p);
        lastSourceTimestamp = sourceTimestamp;
        lastMediaNanos = mediaNanos;
        packets++;
        octets += payload.length;
        return p;
    }

    /** The repair packet for a NACKed sequence number (RTX when negotiated, else the same packet), or null. */
    RtpPacket repair(int seq) {
        PacketHistory.Entry e = history.get(seq);
        if (e == null) {
            return null;
        }
        RtpPacket p = new RtpPacket(RtpHeader.of(e.marker(), codec.payloadType(), e.sequenceNumber(), e.timestamp(),
                ssrc), e.payload());
        if (codec.hasRtx()) {
            RtpPacket rtx = Rtx.wrap(p, codec.rtxPayloadType(), rtxSsrc, rtxSequence);
            rtxSequence = (rtxSequence + 1) & 0xFFFF;
            return rtx;
        }
        return p;
    }

    /** The RTP timestamp of this instant on the media timeline (for SRs), from the last packet sent; -1 before any. */
    long rtpTimestampAt(long nowNanos) {
        if (lastSourceTimestamp == Long.MIN_VALUE) {
            return -1;
        }
        long elapsed = (nowNanos - lastMediaNanos) * clockRate / 1_000_000_000L;
        return (lastSourceTimestamp + elapsed + timestampOffset) & 0xFFFFFFFFL;
    }

    long packets() {
        return packets;
    }

    long octets() {
        return octets;
    }

    long lastSourceTimestamp() {
        return lastSourceTimestamp;
    }
}
