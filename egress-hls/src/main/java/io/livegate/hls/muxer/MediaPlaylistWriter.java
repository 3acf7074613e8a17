package io.livegate.hls.muxer;

import io.livegate.hls.playlist.PlaylistWriter;
import io.livegate.hls.playlist.Tag;
import io.livegate.hls.store.SegmentStore;
import io.livegate.hls.store.StoredPart;
import io.livegate.hls.store.StoredSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders a rendition's media playlist from its {@link SegmentStore}: the low-latency form (EXT-X-PART for the
 * segments of the last three target durations and for the open segment, EXT-X-PRELOAD-HINT for the next part,
 * EXT-X-SERVER-CONTROL, RENDITION-REPORT, delta updates with EXT-X-SKIP) or the classic form (complete segments
 * only), per rfc8216bis 4.4 and 6.2.2.
 */
public final class MediaPlaylistWriter {

    /** EXT-X-VERSION 9 is the lowest that allows EXT-X-SKIP; 6 the lowest for EXT-X-MAP without I-frames. */
    static final int VERSION_LOW_LATENCY = 9;
    static final int VERSION_CLASSIC = 6;

    /**
     * @param targetDuration whole seconds, at least every segment's rounded duration
     * @param partTarget     PART-TARGET seconds
     * @param partHoldBack   PART-HOLD-BACK seconds (at least twice PART-TARGET)
     * @param skipUntil      CAN-SKIP-UNTIL seconds (at least six target durations), 0 for no delta updates
     */
    public record Settings(int targetDuration, double partTarget, double partHoldBack, double skipUntil) {
    }

    /**
     * What to render.
     *
     * @param rendition  {@code video} or {@code audio}
     * @param generation the muxer generation in file names
     * @param classic    the form without parts
     * @param skip       a delta update was asked for ({@code _HLS_skip=YES})
     * @param ended      the stream ended: EXT-X-ENDLIST, no preload hint
     * @param nextPartId the id the next part will have (preload hint)
     * @param reports    the other renditions, for EXT-X-RENDITION-REPORT
     */
    public record Request(String rendition, String generation, boolean classic, boolean skip, boolean ended,
                          long nextPartId, List<Tag.RenditionReport> reports) {
        public Request {
            Objects.requireNonNull(rendition, "rendition");
            reports = List.copyOf(reports);
        }
    }

    private MediaPlaylistWriter() {
    }

    public static String write(SegmentStore store, Settings s, Request r) {
        return PlaylistWriter.write(tags(store, s, r));
    }

    public static List<Tag> tags(SegmentStore store, Settings s, Request r) {
        List<StoredSegment> all = store.segments();
        List<StoredSegment> listed = new ArrayList<>(all.size());
        for (StoredSegment seg : all) {
            if (seg.complete() || (!r.classic() && !seg.parts().isEmpty())) {
                listed.add(seg);
            }
        }
        List<Tag> tags = new ArrayList<>(16 + listed.size() * 8);
        tags.add(new Tag.Version(r.classic() ? VERSION_CLASSIC : VERSION_LOW_LATENCY));
        tags.add(new Tag.TargetDuration(s.targetDuration()));
        if (!r.classic()) {
            tags.add(new Tag.ServerControl(true, s.skipUntil(), 0, s.partHoldBack()));
            tags.add(new Tag.PartInf(s.partTarget()));
        }
        long firstMsn = listed.isEmpty() ? 0 : listed.get(0).msn();
        tags.add(new Tag.MediaSequence(firstMsn));
        tags.add(new Tag.DiscontinuitySequence(store.discontinuitySequence()));

        int skipped = r.skip() && !r.classic() && s.skipUntil() > 0 ? skippable(listed, s.skipUntil()) : 0;
        if (skipped > 0) {
            tags.add(new Tag.Skip(skipped));
        }
        double partWindow = 3.0 * s.targetDuration();
        double fromEnd = 0;
        double[] endDistance = new double[listed.size()];
        for (int i = listed.size() - 1; i >= 0; i--) {
            endDistance[i] = fromEnd;
            fromEnd += listed.get(i).duration();
        }
        String lastMap = null;
        for (int i = skipped; i < listed.size(); i++) {
            StoredSegment seg = listed.get(i);
            if (seg.discontinuity() && i > 0) {
                tags.add(new Tag.Discontinuity());
            }
            if (seg.mapUri() != null && !seg.mapUri().equals(lastMap)) {
                tags.add(new Tag.Map(seg.mapUri()));
                lastMap = seg.mapUri();
            }
            if (seg.programDateTime() != null) {
                tags.add(new Tag.ProgramDateTime(seg.programDateTime()));
            }
            if (!r.classic() && (!seg.complete() || endDistance[i] < partWindow)) {
                for (StoredPart p : seg.parts()) {
                    tags.add(new Tag.Part(p.duration(), HlsNames.part(r.rendition(), r.generation(), p.id()),
                            p.independent()));
                }
            }
            if (seg.complete()) {
                tags.add(new Tag.Inf(seg.duration(), HlsNames.segment(r.rendition(), r.generation(), seg.msn())));
            }
        }
        if (!r.classic() && !r.ended()) {
            tags.add(new Tag.PreloadHint(HlsNames.part(r.rendition(), r.generation(), r.nextPartId())));
        }
        if (!r.classic()) {
            tags.addAll(r.reports());
        }
        if (r.ended()) {
            tags.add(new Tag.EndList());
        }
        return tags;
    }

    /** Complete segments that begin more than {@code skipUntil} seconds before the end (rfc8216bis 6.2.5.1). */
    private static int skippable(List<StoredSegment> listed, double skipUntil) {
        double fromEnd = 0;
        int i = listed.size() - 1;
        for (; i >= 0; i--) {
            fromEnd += listed.get(i).duration();
            if (fromEnd > skipUntil) {
                break;
            }
        }
        int n = Math.max(0, i);
        // Only complete segments may be skipped; the first listed segment repeats EXT-X-MAP either way.
        for (int k = 0; k < n; k++) {
            if (!listed.get(k).complete()) {
                return k;
            }
        }
        return n;
    }
}
