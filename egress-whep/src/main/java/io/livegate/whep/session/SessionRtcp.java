package io.livegate.whep.session;

import io.livegate.rtc.rtcp.FullIntraRequest;
import io.livegate.rtc.rtcp.PictureLossIndication;
import io.livegate.rtc.rtcp.ReceiverEstimatedMaximumBitrate;
import io.livegate.rtc.rtcp.ReceiverReport;
import io.livegate.rtc.rtcp.ReceptionReport;
import io.livegate.rtc.rtcp.RtcpPacket;
import io.livegate.rtc.rtcp.RtcpPackets;
import io.livegate.rtc.rtcp.SenderReport;
import io.livegate.rtc.rtcp.SourceDescription;
import io.livegate.rtc.rtcp.TransportLayerNack;
import io.livegate.rtc.rtcp.TransportWideCcFeedback;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A viewer's RTCP: NACK → retransmit from history (RFC 4585 6.2.1, RTX per RFC 4588 when agreed), PLI/FIR →
 * a rate-limited keyframe request (RFC 4585 6.3.1, RFC 5104 4.3.1), receiver reports → loss, jitter and RTT
 * (RFC 3550 6.4.1), REMB and transport-cc recorded; SR + SDES CNAME per track on a timer. One thread.
 */
final class SessionRtcp {
    private static final Logger log = LoggerFactory.getLogger(SessionRtcp.class);
    /** Seconds from 1900 (NTP era 0) to 1970. */
    private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

    /**
     * Retransmissions per session per second at most: about 10 Mbit/s of repairs. A NACK of 4 bytes can name 17
     * packets, so without a cap one viewer could make the server send far more than it asks for.
     */
    static final int MAX_RETRANSMITS_PER_SECOND = 1000;

    /** What RTCP acts on: the viewer's session. */
    interface Actions {
        String id();

        OutboundTrack video();

        OutboundTrack audio();

        void retransmit(OutboundTrack track, int sequenceNumber);

        void requestKeyframe();

        void sendRtcp(byte[] compound);
    }

    private final Actions session;
    private long retransmitWindowStart = Long.MIN_VALUE;
    private int retransmitsInWindow;
    private final long keyframeIntervalNanos;
    private long lastKeyframeRequest = Long.MIN_VALUE;
    private volatile long retransmits;
    private volatile long nacks;
    private volatile long keyframeRequests;
    private volatile long badPackets;
    private volatile double fractionLost;
    private volatile long jitter;
    private volatile double rttMillis = -1;
    private volatile long remb = -1;
    private volatile long twccFeedbacks;

    SessionRtcp(Actions session, Duration keyframeInterval) {
        this.session = session;
        this.keyframeIntervalNanos = keyframeInterval.toNanos();
    }

    void onRtcp(ByteBuf buf, long nowNanos) {
        for (RtcpPacket p : RtcpPackets.parseCompound(buf)) {
            switch (p) {
                case TransportLayerNack n -> {
                    OutboundTrack o = track(n.mediaSsrc());
                    if (o != null) {
                        for (int seq : n.lostSequenceNumbers()) {
                            nacks++;
                            if (allowRetransmit(nowNanos)) {
                                session.retransmit(o, seq);
                            }
                        }
                    }
                }
                case PictureLossIndication pli -> keyframe(nowNanos);
                case FullIntraRequest fir -> keyframe(nowNanos);
                case ReceiverReport rr -> reports(rr.reports());
                case SenderReport sr -> reports(sr.reports());
                case ReceiverEstimatedMaximumBitrate r -> remb = r.bitrate();
                case TransportWideCcFeedback t -> twccFeedbacks++;
                default -> {
                }
            }
        }
    }

    private boolean allowRetransmit(long now) {
        if (retransmitWindowStart == Long.MIN_VALUE || now - retransmitWindowStart >= 1_000_000_000L) {
            retransmitWindowStart = now;
            retransmitsInWindow = 0;
        }
        return retransmitsInWindow++ < MAX_RETRANSMITS_PER_SECOND;
    }

    private OutboundTrack track(int ssrc) {
        if (session.video().bound() && session.video().ssrc == ssrc) {
            return session.video();
        }
        if (session.audio().bound() && session.audio().ssrc == ssrc) {
            return session.audio();
        }
        return null;
    }

    private void keyframe(long now) {
        keyframeRequests++;
        if (lastKeyframeRequest == Long.MIN_VALUE || now - lastKeyframeRequest >= keyframeIntervalNanos) {
            lastKeyframeRequest = now;
            session.requestKeyframe();
        }
    }

    private void reports(List<ReceptionReport> blocks) {
        for (ReceptionReport r : blocks) {
            if (r.ssrc() != session.video().ssrc) {
                continue;
            }
            fractionLost = r.fractionLost() / 256.0;
            jitter = r.jitter();
            if (r.lastSenderReport() != 0) {
                long nowCompact = (ntpNow() >>> 16) & 0xFFFFFFFFL;
                long rtt = (nowCompact - r.lastSenderReport() - r.delaySinceLastSenderReport()) & 0xFFFFFFFFL;
                if (rtt < 65536L * 10) {
                    rttMillis = rtt * 1000.0 / 65536;
                }
            }
        }
    }

    /** SR and SDES for each track that has sent something. */
    void sendReports(long nowNanos) {
        long ntp = ntpNow();
        List<RtcpPacket> packets = new ArrayList<>();
        List<SourceDescription.Chunk> chunks = new ArrayList<>();
        for (OutboundTrack o : List.of(session.video(), session.audio())) {
            long ts = o.bound() ? o.rtpTimestampAt(nowNanos) : -1;
            if (ts < 0) {
                continue;
            }
            packets.add(new SenderReport(o.ssrc, ntp, ts, o.packets() & 0xFFFFFFFFL, o.octets() & 0xFFFFFFFFL,
                    List.of()));
            chunks.add(new SourceDescription.Chunk(o.ssrc, List.of(SourceDescription.Item.cname(session.id()))));
        }
        if (packets.isEmpty()) {
            return;
        }
        packets.add(new SourceDescription(chunks));
        session.sendRtcp(RtcpPackets.writeCompound(packets));
    }

    static long ntpNow() {
        long ms = System.currentTimeMillis();
        long seconds = ms / 1000 + NTP_EPOCH_OFFSET;
        long fraction = ((ms % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    void countBad(RuntimeException e) {
        if (badPackets++ == 0) {
            log.debug("whep rtcp dropped id={} error={}", session.id(), e.toString());
        }
    }

    void countRetransmit() {
        retransmits++;
    }

    long retransmits() {
        return retransmits;
    }

    long nacks() {
        return nacks;
    }

    long keyframeRequests() {
        return keyframeRequests;
    }

    double fractionLost() {
        return fractionLost;
    }

    long jitter() {
        return jitter;
    }

    double rttMillis() {
        return rttMillis;
    }

    long remb() {
        return remb;
    }
}
