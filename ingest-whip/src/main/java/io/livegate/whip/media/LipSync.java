package io.livegate.whip.media;

import io.livegate.media.Frame;
import io.livegate.rtc.rtp.RtpTimestampUnwrapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts every track of one publisher on one timeline, as the bus needs for lip sync.
 *
 * <p>RTP timestamps of different tracks start at random values (RFC 3550 5.1); only RTCP sender reports tie each
 * track's clock to the sender's wall clock (NTP, RFC 3550 6.4.1). Each track is anchored once: from its first
 * sender report when it has one (all such tracks then agree exactly with the sender's clock), else from the
 * arrival time of its first packet. The anchor never moves afterwards, so timestamps stay continuous.
 *
 * <p>At start, frames are held until every track has a sender report, for at most {@code hold} after the first
 * packet (or {@code maxHeld} frames); then they are released in timeline order, so the first frame written is
 * the earliest. Tracks still without a report are anchored by arrival: their offset is then off by the difference
 * in network and pacing delay between the tracks (a few ms on a good path). Clock drift between the sender's
 * audio and video clocks is not corrected (browsers derive both from one capture clock).
 *
 * <p>Times are arguments (monotonic ns); one thread.
 */
public final class LipSync {

    /** How a track was put on the timeline. */
    public enum Anchor { NONE, SENDER_REPORT, ARRIVAL }

    private record Held(TrackClock track, long extTimestamp, Frame frame, long ticks) {
    }

    private static final class TrackClock {
        final int id;
        final int clockRate;
        final RtpTimestampUnwrapper unwrapper = new RtpTimestampUnwrapper();
        boolean seen;
        long firstArrivalNanos;
        long firstExt;
        boolean haveReport;
        long reportNtpNanos;
        long reportExt;
        Anchor anchor = Anchor.NONE;
        long baseTicks;
        long baseExt;
        long arrivalErrorMillis;

        TrackClock(int id, int clockRate) {
            this.id = id;
            this.clockRate = clockRate;
        }

        long ticks(long ext) {
            return baseTicks + (ext - baseExt);
        }
    }

    private final long originNanos;
    private final long holdNanos;
    private final int maxHeld;
    private final Map<Integer, TrackClock> tracks = new LinkedHashMap<>();
    private final List<Held> held = new ArrayList<>();
    private boolean released;
    private long firstPacketNanos;
    private boolean anyPacket;
    private boolean haveOffset;
    /** Local monotonic time minus sender NTP time, from the first sender report (includes its network delay). */
    private long senderToLocalNanos;

    /**
     * @param originNanos the local instant that is timeline zero (any fixed instant; the bus rebases anyway)
     * @param hold        the longest wait for sender reports at start; zero releases at once
     * @param maxHeld     the most frames held at start
     */
    public LipSync(long originNanos, Duration hold, int maxHeld) {
        this.originNanos = originNanos;
        this.holdNanos = hold.toNanos();
        this.maxHeld = maxHeld;
    }

    /** A track the publisher agreed to send; the hold waits for its sender report. */
    public void addTrack(int id, int clockRate) {
        tracks.put(id, new TrackClock(id, clockRate));
    }

    /** Unwraps a packet's timestamp and notes the first arrival; returns the extended timestamp. */
    public long packet(int id, long rtpTimestamp, long arrivalNanos) {
        TrackClock t = tracks.get(id);
        long ext = t.unwrapper.unwrap(rtpTimestamp);
        if (!t.seen) {
            t.seen = true;
            t.firstArrivalNanos = arrivalNanos;
            t.firstExt = ext;
        }
        if (!anyPacket) {
            anyPacket = true;
            firstPacketNanos = arrivalNanos;
        }
        return ext;
    }

    /** The extended value of a frame's 32-bit timestamp (frames complete in packet order). */
    public long extend(int id, long rtpTimestamp) {
        return tracks.get(id).unwrapper.peek(rtpTimestamp);
    }

    /**
     * A sender report of a track: the first one anchors it (when not anchored yet); later ones only measure how far
     * an arrival-anchored track is off.
     *
     * @param ntpTimestamp 64-bit NTP time of the report
     * @param rtpTimestamp the same instant in the track's RTP clock
     */
    public void senderReport(int id, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {
        TrackClock t = tracks.get(id);
        if (t == null || !t.unwrapper.started()) {
            return; // a report before any packet: nothing to place yet
        }
        long ntpNanos = ntpToNanos(ntpTimestamp);
        long ext = t.unwrapper.peek(rtpTimestamp);
        if (!haveOffset) {
            haveOffset = true;
            senderToLocalNanos = arrivalNanos - ntpNanos;
        }
        if (!t.haveReport) {
            t.haveReport = true;
            t.reportNtpNanos = ntpNanos;
            t.reportExt = ext;
        }
        if (t.anchor == Anchor.ARRIVAL) {
            long bySr = toTicks(ntpNanos + senderToLocalNanos - originNanos, t.clockRate);
            t.arrivalErrorMillis = (t.ticks(ext) - bySr) * 1000 / t.clockRate;
        }
    }

    /**
     * A complete frame of a track, with its extended RTP timestamp; its pts/dts are ignored.
     *
     * @return the frames that may be written now, with timeline timestamps, in order
     */
    public List<Frame> frame(int id, long extTimestamp, Frame frame, long nowNanos) {
        TrackClock t = tracks.get(id);
        if (released) {
            if (t.anchor == Anchor.NONE) {
                anchor(t);
            }
            long ts = t.ticks(extTimestamp);
            return List.of(frame.withTimestamps(ts, ts));
        }
        held.add(new Held(t, extTimestamp, frame, 0));
        return poll(nowNanos);
    }

    /** Ends the hold when it is due (every track reported, time up, or too many frames); returns what it releases. */
    public List<Frame> poll(long nowNanos) {
        if (released || !anyPacket) {
            return List.of();
        }
        boolean allReported = tracks.values().stream().allMatch(t -> t.haveReport);
        if (!allReported && nowNanos - firstPacketNanos < holdNanos && held.size() < maxHeld) {
            return List.of();
        }
        released = true;
        for (TrackClock t : tracks.values()) {
            if (t.seen) {
                anchor(t);
            }
        }
        List<Held> out = new ArrayList<>(held.size());
        for (Held h : held) {
            if (h.track.anchor == Anchor.NONE) {
                anchor(h.track);
            }
            out.add(new Held(h.track, h.extTimestamp, h.frame, h.track.ticks(h.extTimestamp)));
        }
        held.clear();
        out.sort(Comparator.comparingDouble(h -> h.ticks / (double) h.track.clockRate)); // stable: order kept per track
        List<Frame> frames = new ArrayList<>(out.size());
        for (Held h : out) {
            frames.add(h.frame.withTimestamps(h.ticks, h.ticks));
        }
        return frames;
    }

    private void anchor(TrackClock t) {
        if (t.haveReport && haveOffset) {
            t.anchor = Anchor.SENDER_REPORT;
            t.baseExt = t.reportExt;
            t.baseTicks = toTicks(t.reportNtpNanos + senderToLocalNanos - originNanos, t.clockRate);
        } else {
            t.anchor = Anchor.ARRIVAL;
            t.baseExt = t.firstExt;
            t.baseTicks = toTicks(t.firstArrivalNanos - originNanos, t.clockRate);
        }
    }

    /** True once the start-up hold is over. */
    public boolean released() {
        return released;
    }

    public int heldFrames() {
        return held.size();
    }

    public Anchor anchor(int id) {
        TrackClock t = tracks.get(id);
        return t == null ? Anchor.NONE : t.anchor;
    }

    /**
     * For a track anchored by arrival: how far its timeline is from where its later sender report puts it, in ms
     * (positive: late). 0 for report-anchored tracks.
     */
    public long arrivalErrorMillis(int id) {
        TrackClock t = tracks.get(id);
        return t == null ? 0 : t.arrivalErrorMillis;
    }

    static long toTicks(long nanos, int clockRate) {
        return Math.round(nanos * (double) clockRate / 1e9);
    }

    /** 64-bit NTP (seconds since 1900 in the high word, binary fraction in the low word) in nanoseconds. */
    static long ntpToNanos(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xFFFFFFFFL;
        return seconds * 1_000_000_000L + ((fraction * 1_000_000_000L) >>> 32);
    }
}
