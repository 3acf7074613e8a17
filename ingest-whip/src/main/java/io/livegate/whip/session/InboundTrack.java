package io.livegate.whip.session;

import io.livegate.media.Payload;
import io.livegate.rtc.rtp.NackGenerator;
import io.livegate.rtc.rtp.ReceiveStatistics;
import io.livegate.rtc.rtp.ReorderBuffer;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.rtp.Rtx;
import io.livegate.rtc.rtp.codec.DepacketizerLimits;
import io.livegate.rtc.rtp.codec.PayloadFormats;
import io.livegate.rtc.rtp.codec.RtpCodecException;
import io.livegate.rtc.rtp.codec.RtpDepacketizer;
import io.livegate.rtc.sdp.NegotiatedCodec;
import java.util.List;

/**
 * The receive path of one track, read top to bottom in {@link #receive}: RTX unwrap (RFC 4588 4), reception
 * statistics for receiver reports (RFC 3550 A.3, A.8), loss detection for NACKs (RFC 4585 6.2.1), reordering,
 * then the codec's depacketizer. Held packets wait at most {@code holdNanos} for a missing one; after that the
 * gap is given up as lost. One thread (the session's event loop).
 */
final class InboundTrack {

    /** Video: room for a few NACK round trips on a 100 ms path before a gap is given up. */
    static final long VIDEO_HOLD_NANOS = 400_000_000L;
    /** Audio is not retransmitted by browsers (no nack offered for Opus): wait only for reordering. */
    static final long AUDIO_HOLD_NANOS = 60_000_000L;
    /** About 1.3 s of 8 Mbit/s video in 1200-byte packets, so time, not room, ends a hold. */
    static final int VIDEO_REORDER_PACKETS = 1024;
    static final int AUDIO_REORDER_PACKETS = 64;

    /** Where reassembled frames go, and word of loss before the frame that follows it. */
    interface FrameSink {
        /** A complete frame: its 32-bit RTP timestamp, keyframe flag and payload. */
        void frame(InboundTrack track, long rtpTimestamp, boolean keyframe, Payload payload);

        /** Data was given up as lost (or could not be parsed): the next frames may not decode. */
        void lost(InboundTrack track);
    }

    final int id;
    final String mid;
    final NegotiatedCodec codec;
    final boolean video;
    final int clockRate;
    final boolean nackEnabled;
    private final long holdNanos;
    private final int reorderPackets;
    private final DepacketizerLimits limits;
    /** The media SSRC (0 until learned, from the offer or the first packet). */
    int mediaSsrc;
    boolean mediaSsrcKnown;
    int rtxSsrc;
    boolean rtxSsrcKnown;
    int ssrcCount;
    private ReceiveStatistics stats;
    private NackGenerator nack;
    private ReorderBuffer reorder;
    private RtpDepacketizer depacketizer;
    private long holdSince = Long.MIN_VALUE;
    private long lostSeen;
    private long droppedSeen;

    long packets;
    long bytes;
    long rtxPackets;
    long paddingPackets;
    long codecErrors;
    long nackedSequences;
    long keyframeRequests;
    long senderReports;
    long lastKeyframeRequest = Long.MIN_VALUE;
    long lostForGood;

    InboundTrack(int id, String mid, NegotiatedCodec codec, boolean nackEnabled, DepacketizerLimits limits) {
        this.id = id;
        this.mid = mid;
        this.codec = codec;
        this.video = codec.codec().isVideo();
        this.clockRate = codec.clockRate();
        this.nackEnabled = nackEnabled;
        this.holdNanos = video ? VIDEO_HOLD_NANOS : AUDIO_HOLD_NANOS;
        this.reorderPackets = video ? VIDEO_REORDER_PACKETS : AUDIO_REORDER_PACKETS;
        this.limits = limits;
        reset();
    }

    /** Forgets sequence state and any partial frame (a new media SSRC: the publisher restarted its encoder). */
    void reset() {
        stats = new ReceiveStatistics(clockRate);
        nack = nackEnabled ? new NackGenerator() : null;
        reorder = new ReorderBuffer(reorderPackets);
        depacketizer = PayloadFormats.depacketizer(codec.codec(), limits);
        holdSince = Long.MIN_VALUE;
        lostSeen = 0;
        droppedSeen = 0;
    }

    /**
     * One packet of this track, media or RTX.
     *
     * @param rtx the packet came on the RTX SSRC or payload type
     */
    void receive(RtpPacket packet, boolean rtx, long nowNanos, FrameSink sink) {
        RtpPacket p = packet;
        if (rtx) {
            p = Rtx.unwrap(packet, codec.payloadType(), mediaSsrc);
            if (p == null) {
                paddingPackets++; // RTX padding: bandwidth probing, no original inside
                return;
            }
            rtxPackets++;
        } else {
            stats.received(p.header().sequenceNumber(), p.header().timestamp(), nowNanos / 1000);
        }
        packets++;
        bytes += p.payload().length;
        if (nack != null) {
            nack.received(p.header().sequenceNumber());
        }
        release(reorder.push(p), sink);
        checkHold(nowNanos);
    }

    /** Gives up on a gap held too long. */
    void expire(long nowNanos, FrameSink sink) {
        if (reorder.holding() && holdSince != Long.MIN_VALUE && nowNanos - holdSince >= holdNanos) {
            release(reorder.flush(), sink);
            holdSince = Long.MIN_VALUE;
        }
    }

    private void checkHold(long nowNanos) {
        if (!reorder.holding()) {
            holdSince = Long.MIN_VALUE;
        } else if (holdSince == Long.MIN_VALUE) {
            holdSince = nowNanos;
        }
    }

    private void release(List<RtpPacket> packets, FrameSink sink) {
        for (RtpPacket p : packets) {
            if (p.payload().length == 0) {
                paddingPackets++; // padding-only media packet: keeps the sequence, carries no data
                continue;
            }
            RtpDepacketizer.Result r;
            try {
                r = depacketizer.push(p);
            } catch (RtpCodecException e) {
                codecErrors++;
                sink.lost(this);
                continue;
            }
            if (r instanceof RtpDepacketizer.Complete c) {
                noteLoss(sink);
                sink.frame(this, c.rtpTimestamp(), c.keyframe(), c.payload());
            }
        }
        noteLoss(sink);
    }

    private void noteLoss(FrameSink sink) {
        long lost = reorder.lost();
        long dropped = depacketizer.droppedFrames();
        if (lost > lostSeen || dropped > droppedSeen) {
            lostForGood += lost - lostSeen;
            lostSeen = lost;
            droppedSeen = dropped;
            sink.lost(this);
        }
    }

    /** Sequence numbers to NACK now (empty without NACK). */
    List<Integer> dueNacks(long nowNanos) {
        if (nack == null || !mediaSsrcKnown) {
            return List.of();
        }
        List<Integer> due = nack.due(nowNanos / 1_000_000);
        nackedSequences += due.size();
        return due;
    }

    ReceiveStatistics stats() {
        return stats;
    }

    /** Packets lost on the current SSRC, as the receiver report counts them (RFC 3550 A.3). */
    long lost() {
        return Math.max(0, stats.lost());
    }

    long droppedFrames() {
        return depacketizer.droppedFrames();
    }
}
