package io.livegate.hls.muxer;

import io.livegate.hls.fmp4.FragmentWriter;
import io.livegate.hls.fmp4.Sample;
import io.livegate.hls.store.StoredPart;
import io.livegate.hls.store.SegmentStore;
import io.livegate.hls.store.StoredSegment;
import io.livegate.media.Codec;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One track's rendition: turns its frames into CMAF chunks (parts) and groups them into segments in its
 * {@link SegmentStore}. Where the cuts fall is decided by the caller ({@link Segmenter} for the driving track,
 * the driving track's boundaries for the other). A frame's duration is only known when the next one arrives, so
 * the latest frame is held back until then. Runs on the stream's muxer event loop.
 */
final class Rendition {

    /** H.264 access unit delimiter and H.265 AUD_NUT: framing that MP4 samples leave out. */
    private static final int H264_AUD = 9;
    private static final int H265_AUD = 35;

    private final String name;
    private MuxerTrack track;
    private final SegmentStore store;
    private final WallClock clock;
    private final Runnable onUpdate;
    private final List<Sample> samples = new ArrayList<>();
    private Frame pending;
    private long partBaseDts;
    private long partDuration;
    private boolean partIndependent;
    private long lastDuration;
    private long nextMsn;
    private long nextPartId;
    private int partIndex;
    private long fragmentSequence = 1;
    private boolean discontinuityNext;
    private boolean segmentOpen;
    private String mapUri;
    private long samplesTotal;
    private long ticksTotal;

    Rendition(String name, MuxerTrack track, SegmentStore store, WallClock clock, Runnable onUpdate) {
        this.name = name;
        this.track = track;
        this.store = store;
        this.clock = clock;
        this.onUpdate = onUpdate;
        this.lastDuration = track.nominalDuration();
    }

    String name() {
        return name;
    }

    MuxerTrack track() {
        return track;
    }

    /** New parameters for the same rendition (after {@link #flush()}): segments go on, with a new init segment. */
    void setTrack(MuxerTrack newTrack) {
        this.track = newTrack;
        this.lastDuration = newTrack.nominalDuration();
    }

    SegmentStore store() {
        return store;
    }

    /** The init segment URI the next segment refers to. */
    void setMapUri(String uri) {
        this.mapUri = uri;
    }

    String mapUri() {
        return mapUri;
    }

    /** The next segment carries EXT-X-DISCONTINUITY. */
    void markDiscontinuity() {
        discontinuityNext = true;
    }

    /** The latest sample's duration, the best guess for the next one's. */
    long lastDuration() {
        return lastDuration;
    }

    boolean started() {
        return segmentOpen;
    }

    long nextPartId() {
        return nextPartId;
    }

    /** Samples per second written so far (the measured frame rate of a video rendition). */
    double measuredRate() {
        return ticksTotal == 0 ? 0 : samplesTotal * (double) track.timescale() / ticksTotal;
    }

    /**
     * Adds a frame after applying {@code cut}. A frame before the first segment opened is dropped unless it
     * opens one.
     */
    void push(Frame frame, Segmenter.Cut cut) {
        if (pending != null) {
            long d = frame.dts() - pending.dts();
            appendPending(d > 0 ? d : 1);
        }
        if (cut == Segmenter.Cut.SEGMENT) {
            closePart();
            closeSegment();
            openSegment(frame);
        } else if (cut == Segmenter.Cut.PART) {
            closePart();
        }
        pending = segmentOpen ? frame : null;
    }

    /**
     * Ends the current part with what there is, leaving the segment open (the publisher paused: if it goes on,
     * the segment does too).
     */
    void flushPart() {
        if (pending != null) {
            appendPending(lastDuration);
        }
        closePart();
    }

    /** Ends the current part and segment with what there is (discontinuity, new parameters, end). */
    void flush() {
        if (pending != null) {
            appendPending(lastDuration);
        }
        closePart();
        closeSegment();
    }

    private void appendPending(long duration) {
        Frame f = pending;
        pending = null;
        if (samples.isEmpty()) {
            partBaseDts = f.dts();
            partDuration = 0;
            partIndependent = f.keyframe();
        }
        long cto = f.pts() - f.dts();
        int offset = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, cto));
        boolean sync = f.keyframe() || !track.isVideo();
        samples.add(new Sample(duration, offset, sync, sampleBytes(f.payload(), track.track().codec())));
        partDuration += duration;
        lastDuration = duration;
        samplesTotal++;
        ticksTotal += duration;
    }

    private void openSegment(Frame first) {
        Instant pdt = clock.at(first, track.timescale());
        store.open(nextMsn++, pdt, discontinuityNext, mapUri);
        discontinuityNext = false;
        segmentOpen = true;
        partIndex = 0;
    }

    private void closePart() {
        if (samples.isEmpty() || !segmentOpen) {
            samples.clear();
            return;
        }
        byte[] data = FragmentWriter.write(fragmentSequence++, track.fmp4().trackId(), partBaseDts, samples);
        StoredSegment seg = store.openSegment();
        store.addPart(new StoredPart(nextPartId++, seg.msn(), partIndex++, partDuration / (double) track.timescale(),
                partIndependent, data));
        samples.clear();
        onUpdate.run();
    }

    private void closeSegment() {
        if (!segmentOpen) {
            return;
        }
        segmentOpen = false;
        store.completeOpen();
        onUpdate.run();
    }

    /** The bytes of one sample in mdat: length-prefixed NAL units for AVC/HEVC, the frame as is otherwise. */
    static byte[] sampleBytes(Payload payload, Codec codec) {
        return switch (payload) {
            case Payload.NalUnits n -> lengthPrefixed(n.units(), codec == Codec.H265);
            case Payload.AacFrame a -> a.data();
            case Payload.OpusPacket o -> o.data();
            case Payload.VpxFrame v -> v.data();
            case Payload.Av1TemporalUnit t -> concat(t.obus());
        };
    }

    private static byte[] lengthPrefixed(List<byte[]> units, boolean hevc) {
        int size = 0;
        for (byte[] u : units) {
            if (!isAud(u, hevc)) {
                size += 4 + u.length;
            }
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] u : units) {
            if (isAud(u, hevc)) {
                continue;
            }
            int n = u.length;
            out[at] = (byte) (n >>> 24);
            out[at + 1] = (byte) (n >>> 16);
            out[at + 2] = (byte) (n >>> 8);
            out[at + 3] = (byte) n;
            System.arraycopy(u, 0, out, at + 4, n);
            at += 4 + n;
        }
        return out;
    }

    /** Access unit delimiters (and empty units) are Annex B framing that MP4 samples leave out. */
    private static boolean isAud(byte[] nal, boolean hevc) {
        if (nal.length == 0) {
            return true;
        }
        return hevc ? ((nal[0] >> 1) & 0x3F) == H265_AUD : (nal[0] & 0x1F) == H264_AUD;
    }

    private static byte[] concat(List<byte[]> parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
