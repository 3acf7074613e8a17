package io.livegate.whip.session;

import io.livegate.rtc.rtcp.FullIntraRequest;
import io.livegate.rtc.rtcp.PictureLossIndication;
import io.livegate.rtc.rtcp.ReceiverReport;
import io.livegate.rtc.rtcp.ReceptionReport;
import io.livegate.rtc.rtcp.RtcpPacket;
import io.livegate.rtc.rtcp.RtcpPackets;
import io.livegate.rtc.rtcp.SourceDescription;
import io.livegate.rtc.rtcp.TransportLayerNack;
import io.livegate.rtc.rtcp.TransportWideCcFeedback;
import io.livegate.rtc.rtp.TwccRecorder;
import java.util.ArrayList;
import java.util.List;

/**
 * The RTCP a WHIP receiver sends: receiver reports with SDES CNAME each second (RFC 3550 6.4.2, 6.5), generic
 * NACKs (RFC 4585 6.2.1), PLI or FIR (RFC 4585 6.3.1, RFC 5104 4.3.1) at most once per interval per track, and
 * transport-cc feedback every {@link #TWCC_INTERVAL_NANOS} (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * 3.1) so the publisher's bandwidth estimate can climb. Feedback goes in reduced-size packets when the offer
 * allowed rtcp-rsize (RFC 5506), else behind an empty RR. Times are arguments; one thread.
 */
final class ReceiverFeedback {

    /** libwebrtc sends its own transport-cc feedback about every 50-100 ms; 50 ms lets the estimate react fast. */
    static final long TWCC_INTERVAL_NANOS = 50_000_000L;
    /** RFC 3550 6.2 gives 5 s as the minimum for large sessions; browsers report every second, as we do. */
    static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;

    private final int ssrc;
    private final String cname;
    private final boolean reducedSize;
    private final long keyframeIntervalNanos;
    private TwccRecorder twcc;
    private long lastTwcc = Long.MIN_VALUE;
    private long lastReport = Long.MIN_VALUE;
    private int firSequence;

    ReceiverFeedback(int ssrc, String cname, boolean reducedSize, long keyframeIntervalNanos) {
        this.ssrc = ssrc;
        this.cname = cname;
        this.reducedSize = reducedSize;
        this.keyframeIntervalNanos = keyframeIntervalNanos;
    }

    /** A packet's transport-wide sequence number (any SSRC, RTX and padding included). */
    void transportSequence(int sequence, int mediaSsrc, long nowNanos) {
        if (twcc == null) {
            twcc = new TwccRecorder(ssrc, mediaSsrc);
        }
        twcc.received(sequence, nowNanos / 1000);
    }

    /** The compound packets due now: transport-cc, NACKs, and the periodic report. */
    List<byte[]> due(long nowNanos, List<InboundTrack> tracks) {
        List<byte[]> out = new ArrayList<>();
        if (twcc != null && (lastTwcc == Long.MIN_VALUE || nowNanos - lastTwcc >= TWCC_INTERVAL_NANOS)) {
            lastTwcc = nowNanos;
            for (TransportWideCcFeedback f : twcc.feedback()) {
                out.add(feedback(f));
            }
        }
        for (InboundTrack t : tracks) {
            List<Integer> lost = t.dueNacks(nowNanos);
            if (!lost.isEmpty()) {
                out.add(feedback(TransportLayerNack.of(ssrc, t.mediaSsrc, lost)));
            }
        }
        if (lastReport == Long.MIN_VALUE || nowNanos - lastReport >= REPORT_INTERVAL_NANOS) {
            lastReport = nowNanos;
            out.add(report(nowNanos, tracks));
        }
        return out;
    }

    /**
     * A keyframe request for the track, or null when one went out less than the interval ago (or the publisher
     * agreed to neither PLI nor FIR, or its SSRC is unknown yet).
     */
    byte[] keyframeRequest(InboundTrack t, long nowNanos, boolean pli, boolean fir) {
        if (!t.mediaSsrcKnown || (!pli && !fir)) {
            return null;
        }
        if (t.lastKeyframeRequest != Long.MIN_VALUE && nowNanos - t.lastKeyframeRequest < keyframeIntervalNanos) {
            return null;
        }
        t.lastKeyframeRequest = nowNanos;
        t.keyframeRequests++;
        RtcpPacket p = pli ? new PictureLossIndication(ssrc, t.mediaSsrc)
                : FullIntraRequest.of(ssrc, t.mediaSsrc, firSequence++ & 0xFF);
        return feedback(p);
    }

    private byte[] report(long nowNanos, List<InboundTrack> tracks) {
        List<ReceptionReport> blocks = new ArrayList<>();
        List<SourceDescription.Chunk> chunks = List.of(new SourceDescription.Chunk(ssrc,
                List.of(SourceDescription.Item.cname(cname))));
        for (InboundTrack t : tracks) {
            if (t.mediaSsrcKnown && t.packets > 0 && blocks.size() < 31) {
                blocks.add(t.stats().report(t.mediaSsrc, nowNanos / 1000));
            }
        }
        return RtcpPackets.writeCompound(List.of(new ReceiverReport(ssrc, blocks), new SourceDescription(chunks)));
    }

    private byte[] feedback(RtcpPacket p) {
        return reducedSize ? RtcpPackets.writeCompound(List.of(p))
                : RtcpPackets.writeCompound(List.of(new ReceiverReport(ssrc, List.of()), p));
    }

    /** Our SSRC, the sender SSRC of everything we send. */
    int ssrc() {
        return ssrc;
    }
}
