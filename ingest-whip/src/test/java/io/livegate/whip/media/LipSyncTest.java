package io.livegate.whip.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.rtc.rtcp.SenderReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two tracks with random RTP bases and known sender reports must land on one timeline; the hold, its timeout and
 * the arrival fallback; timestamps that wrap 2^32.
 */
class LipSyncTest {

    static final int VIDEO = 0;
    static final int AUDIO = 1;
    static final long MS = 1_000_000L;
    /** Wall time of capture instant 0, as the sender's NTP clock says. */
    static final long NTP0 = SenderReport.ntpTimestamp(1_700_000_000_000_000L);
    static final long VIDEO_BASE = 3_000_000_000L;
    static final long AUDIO_BASE = 0xFFFF_F000L; // wraps within 100 ms

    private static Frame frame(int track) {
        return new Frame(track, 0, 0, true, new Payload.OpusPacket(new byte[] {1}), 0);
    }

    /** NTP time of capture instant {@code ms}. */
    private static long ntp(long ms) {
        return NTP0 + (ms << 32) / 1000;
    }

    private static long videoRtp(long ms) {
        return (VIDEO_BASE + ms * 90) & 0xFFFFFFFFL;
    }

    private static long audioRtp(long ms) {
        return (AUDIO_BASE + ms * 48) & 0xFFFFFFFFL;
    }

    private final List<Frame> out = new ArrayList<>();

    /** Feeds one packet-sized frame of a track captured at {@code ms}, arriving {@code delayMs} later. */
    private void feed(LipSync s, int track, long ms, long delayMs) {
        long rtp = track == VIDEO ? videoRtp(ms) : audioRtp(ms);
        long now = (ms + delayMs) * MS;
        long ext = s.packet(track, rtp, now);
        out.addAll(s.frame(track, ext, frame(track), now));
    }

    private static double seconds(Frame f) {
        return f.pts() / (f.trackId() == VIDEO ? 90_000.0 : 48_000.0);
    }

    @Test
    void senderReportsPutBothTracksOnOneTimelineDespiteDifferentNetworkDelays() {
        LipSync s = new LipSync(0, Duration.ofSeconds(5), 1000);
        s.addTrack(VIDEO, 90_000);
        s.addTrack(AUDIO, 48_000);
        // Audio arrives 10 ms after capture, video 80 ms (encoder and pacer): arrival alignment would be 70 ms off.
        for (long ms = 0; ms < 200; ms += 20) {
            feed(s, AUDIO, ms, 10);
        }
        for (long ms = 0; ms < 200; ms += 40) {
            feed(s, VIDEO, ms, 80);
        }
        assertThat(out).as("held until every track has a report").isEmpty();
        s.senderReport(AUDIO, ntp(150), audioRtp(150), 170 * MS);
        assertThat(s.poll(171 * MS)).isEmpty();
        s.senderReport(VIDEO, ntp(160), videoRtp(160), 250 * MS);
        out.addAll(s.poll(250 * MS));
        assertThat(out).hasSize(15);
        assertThat(s.anchor(VIDEO)).isEqualTo(LipSync.Anchor.SENDER_REPORT);
        assertThat(s.anchor(AUDIO)).isEqualTo(LipSync.Anchor.SENDER_REPORT);
        // Frames captured at the same instant carry the same time; the earliest goes first; steps are exact.
        Frame v0 = out.stream().filter(f -> f.trackId() == VIDEO).findFirst().orElseThrow();
        Frame a0 = out.stream().filter(f -> f.trackId() == AUDIO).findFirst().orElseThrow();
        assertThat(seconds(v0)).isCloseTo(seconds(a0), org.assertj.core.data.Offset.offset(0.0001));
        for (int i = 1; i < out.size(); i++) {
            assertThat(seconds(out.get(i))).isGreaterThanOrEqualTo(seconds(out.get(i - 1)));
        }
        List<Frame> audio = out.stream().filter(f -> f.trackId() == AUDIO).toList();
        for (int i = 1; i < audio.size(); i++) {
            assertThat(audio.get(i).pts() - audio.get(i - 1).pts()).as("across the 2^32 wrap").isEqualTo(960);
        }
        // After the hold, frames pass at once, on the same timeline.
        out.clear();
        feed(s, VIDEO, 400, 80);
        feed(s, AUDIO, 400, 10);
        assertThat(out).hasSize(2);
        assertThat(seconds(out.get(0))).isCloseTo(seconds(out.get(1)), org.assertj.core.data.Offset.offset(0.0001));
        assertThat(seconds(out.get(0)) - seconds(v0)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(0.0001));
    }

    @Test
    void aTrackWithoutAReportInTimeIsAnchoredByArrivalAndItsErrorMeasuredLater() {
        LipSync s = new LipSync(0, Duration.ofMillis(500), 1000);
        s.addTrack(VIDEO, 90_000);
        s.addTrack(AUDIO, 48_000);
        for (long ms = 0; ms < 600; ms += 20) {
            feed(s, AUDIO, ms, 10);
            if (ms % 40 == 0) {
                feed(s, VIDEO, ms, 30);
            }
            if (ms == 100) {
                s.senderReport(VIDEO, ntp(100), videoRtp(100), 130 * MS);
            }
        }
        assertThat(s.released()).isTrue();
        assertThat(s.anchor(VIDEO)).isEqualTo(LipSync.Anchor.SENDER_REPORT);
        assertThat(s.anchor(AUDIO)).isEqualTo(LipSync.Anchor.ARRIVAL);
        Frame v0 = out.stream().filter(f -> f.trackId() == VIDEO).findFirst().orElseThrow();
        Frame a0 = out.stream().filter(f -> f.trackId() == AUDIO).findFirst().orElseThrow();
        // Video's report maps sender time with video's 30 ms delay; audio's arrival carries only 10 ms: 20 ms early.
        assertThat((seconds(a0) - seconds(v0)) * 1000).isCloseTo(-20.0, org.assertj.core.data.Offset.offset(0.1));
        s.senderReport(AUDIO, ntp(600), audioRtp(600), 610 * MS);
        assertThat(s.arrivalErrorMillis(AUDIO)).isEqualTo(-20);
        assertThat(s.anchor(AUDIO)).as("anchors never move").isEqualTo(LipSync.Anchor.ARRIVAL);
    }

    @Test
    void withoutHoldOrReportsFramesGoAtOnceByArrival() {
        LipSync s = new LipSync(0, Duration.ZERO, 1000);
        s.addTrack(VIDEO, 90_000);
        s.addTrack(AUDIO, 48_000);
        feed(s, AUDIO, 0, 10);
        feed(s, VIDEO, 0, 30);
        assertThat(out).hasSize(2);
        assertThat(s.anchor(VIDEO)).isEqualTo(LipSync.Anchor.ARRIVAL);
        assertThat((seconds(out.get(1)) - seconds(out.get(0))) * 1000).isCloseTo(20.0,
                org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void tooManyHeldFramesEndTheHold() {
        LipSync s = new LipSync(0, Duration.ofSeconds(10), 5);
        s.addTrack(AUDIO, 48_000);
        for (long ms = 0; ms < 80; ms += 20) {
            feed(s, AUDIO, ms, 1);
        }
        assertThat(out).isEmpty();
        assertThat(s.heldFrames()).isEqualTo(4);
        feed(s, AUDIO, 80, 1);
        assertThat(out).hasSize(5);
        assertThat(s.heldFrames()).isZero();
    }

    @Test
    void reportsBeforeAnyPacketAreIgnored() {
        LipSync s = new LipSync(0, Duration.ofSeconds(1), 100);
        s.addTrack(AUDIO, 48_000);
        s.senderReport(AUDIO, ntp(0), audioRtp(0), 0);
        s.senderReport(7, ntp(0), 0, 0);
        feed(s, AUDIO, 0, 5);
        assertThat(out).isEmpty();
        assertThat(s.anchor(AUDIO)).isEqualTo(LipSync.Anchor.NONE);
    }

    @Test
    void ntpConversion() {
        assertThat(LipSync.ntpToNanos((5L << 32) | 0x8000_0000L)).isEqualTo(5_500_000_000L);
    }
}
