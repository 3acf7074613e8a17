package io.livegate.whep.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.media.Codec;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.rtp.Rtx;
import io.livegate.rtc.sdp.NegotiatedCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundTrackTest {

    private static OutboundTrack track(int rtxPt) {
        OutboundTrack t = new OutboundTrack("video", 90_000);
        t.bind(new NegotiatedCodec(Codec.H264, 108, 90_000, 0, Map.of(), rtxPt));
        return t;
    }

    @Test
    void rewritesSsrcSequenceAndTimestampContinuously() {
        OutboundTrack t = track(-1);
        RtpPacket a = t.next(new byte[] {1}, false, 0, 0);
        RtpPacket b = t.next(new byte[] {2}, true, 0, 0);
        RtpPacket c = t.next(new byte[] {3}, true, 3000, 0);
        assertThat(a.header().ssrc()).isEqualTo(t.ssrc);
        assertThat(a.header().payloadType()).isEqualTo(108);
        assertThat(b.header().sequenceNumber()).isEqualTo((a.header().sequenceNumber() + 1) & 0xFFFF);
        assertThat(c.header().sequenceNumber()).isEqualTo((a.header().sequenceNumber() + 2) & 0xFFFF);
        assertThat(b.header().timestamp()).isEqualTo(a.header().timestamp());
        assertThat(c.header().timestamp()).isEqualTo((a.header().timestamp() + 3000) & 0xFFFFFFFFL);
        assertThat(b.header().marker()).isTrue();
        assertThat(t.packets()).isEqualTo(3);
        assertThat(t.octets()).isEqualTo(3);
    }

    @Test
    void repairsFromHistoryAsIsWithoutRtx() {
        OutboundTrack t = track(-1);
        RtpPacket a = t.next(new byte[] {9, 8}, true, 90, 0);
        RtpPacket again = t.repair(a.header().sequenceNumber());
        assertThat(again.header().sequenceNumber()).isEqualTo(a.header().sequenceNumber());
        assertThat(again.header().timestamp()).isEqualTo(a.header().timestamp());
        assertThat(again.payload()).containsExactly(9, 8);
        assertThat(t.repair(a.header().sequenceNumber() + 5)).isNull();
    }

    @Test
    void repairsWithRtxWhenAgreed() {
        OutboundTrack t = track(109);
        RtpPacket a = t.next(new byte[] {9, 8}, true, 90, 0);
        RtpPacket rtx = t.repair(a.header().sequenceNumber());
        assertThat(rtx.header().ssrc()).isEqualTo(t.rtxSsrc);
        assertThat(rtx.header().payloadType()).isEqualTo(109);
        RtpPacket original = Rtx.unwrap(rtx, 108, t.ssrc);
        assertThat(original.header().sequenceNumber()).isEqualTo(a.header().sequenceNumber());
        assertThat(original.payload()).containsExactly(9, 8);
    }

    @Test
    void senderReportTimestampExtrapolatesFromTheLastPacket() {
        OutboundTrack t = track(-1);
        assertThat(t.rtpTimestampAt(0)).isEqualTo(-1);
        RtpPacket a = t.next(new byte[] {1}, true, 9000, 1_000_000_000L);
        assertThat(t.rtpTimestampAt(1_500_000_000L)).isEqualTo((a.header().timestamp() + 45_000) & 0xFFFFFFFFL);
    }

    /**
     * Sender reports place each track on the media timeline, not on the send time: audio that leaves 40 ms after
     * the video it belongs with (transcoding) still maps the same wall-clock instant to the same media instant, so
     * the browser's lip sync does not delay it.
     */
    @Test
    void senderReportsOfAudioSentLaterStillLineUpWithVideo() {
        OutboundTrack v = track(-1);
        OutboundTrack a = new OutboundTrack("audio", 48_000);
        a.bind(new NegotiatedCodec(Codec.OPUS, 111, 48_000, 2, Map.of(), -1));
        long captured = 5_000_000_000L;
        RtpPacket vp = v.next(new byte[] {1}, true, 90_000, captured);   // 1.0 s of media, ingested at `captured`
        RtpPacket ap = a.next(new byte[] {2}, true, 48_000, captured);   // the same 1.0 s, sent 40 ms later
        long srAt = captured + 300_000_000L;
        double videoSeconds = ((v.rtpTimestampAt(srAt) - vp.header().timestamp()) & 0xFFFFFFFFL) / 90_000.0;
        double audioSeconds = ((a.rtpTimestampAt(srAt) - ap.header().timestamp()) & 0xFFFFFFFFL) / 48_000.0;
        assertThat(videoSeconds).isEqualTo(0.3);
        assertThat(audioSeconds).isEqualTo(0.3);
    }
}
