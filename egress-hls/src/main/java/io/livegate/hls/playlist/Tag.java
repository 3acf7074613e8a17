package io.livegate.hls.playlist;

import java.time.Instant;
import java.util.Objects;

/** One playlist tag (rfc8216bis section 4.4), as a value. {@link PlaylistWriter} renders them. */
public sealed interface Tag {

    /** EXT-X-VERSION (4.4.1.2). */
    record Version(int version) implements Tag {
    }

    /** EXT-X-INDEPENDENT-SEGMENTS (4.4.2.1): every segment starts with a key frame. */
    record IndependentSegments() implements Tag {
    }

    /** EXT-X-TARGETDURATION (4.4.3.1), whole seconds. */
    record TargetDuration(int seconds) implements Tag {
    }

    /** EXT-X-MEDIA-SEQUENCE (4.4.3.2). */
    record MediaSequence(long number) implements Tag {
    }

    /** EXT-X-DISCONTINUITY-SEQUENCE (4.4.3.3). */
    record DiscontinuitySequence(long number) implements Tag {
    }

    /**
     * EXT-X-SERVER-CONTROL (4.4.3.8). Null or non-positive seconds leave an attribute out.
     */
    record ServerControl(boolean canBlockReload, double canSkipUntil, double holdBack, double partHoldBack)
            implements Tag {
    }

    /** EXT-X-PART-INF (4.4.3.7). */
    record PartInf(double partTarget) implements Tag {
    }

    /** EXT-X-MAP (4.4.4.5). */
    record Map(String uri) implements Tag {
        public Map {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** EXT-X-PROGRAM-DATE-TIME (4.4.4.6), written in UTC with milliseconds. */
    record ProgramDateTime(Instant time) implements Tag {
    }

    /** EXT-X-DISCONTINUITY (4.4.4.3). */
    record Discontinuity() implements Tag {
    }

    /** EXTINF (4.4.4.1) followed by the segment URI line. */
    record Inf(double duration, String uri) implements Tag {
        public Inf {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** EXT-X-PART (4.4.4.9). */
    record Part(double duration, String uri, boolean independent) implements Tag {
        public Part {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** EXT-X-PRELOAD-HINT (4.4.5.3) of TYPE=PART. */
    record PreloadHint(String uri) implements Tag {
        public PreloadHint {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** EXT-X-RENDITION-REPORT (4.4.5.4); {@code lastPart} below 0 leaves LAST-PART out. */
    record RenditionReport(String uri, long lastMsn, long lastPart) implements Tag {
    }

    /** EXT-X-SKIP (4.4.5.2) in a Playlist Delta Update. */
    record Skip(long skippedSegments) implements Tag {
    }

    /** EXT-X-ENDLIST (4.4.3.4). */
    record EndList() implements Tag {
    }

    /** EXT-X-MEDIA (4.4.6.1) of TYPE=AUDIO; {@code channels} 0 leaves CHANNELS out. */
    record Media(String groupId, String name, boolean isDefault, boolean autoselect, int channels, String uri)
            implements Tag {
    }

    /**
     * EXT-X-STREAM-INF (4.4.6.2) followed by the URI line. {@code averageBandwidth}, {@code width}, {@code frameRate}
     * of 0 and a null {@code audioGroup} leave the attribute out.
     */
    record StreamInf(long bandwidth, long averageBandwidth, String codecs, int width, int height, double frameRate,
                     String audioGroup, String uri) implements Tag {
        public StreamInf {
            Objects.requireNonNull(codecs, "codecs");
            Objects.requireNonNull(uri, "uri");
            if (bandwidth <= 0) {
                throw new IllegalArgumentException("BANDWIDTH must be > 0, was " + bandwidth);
            }
        }
    }
}
