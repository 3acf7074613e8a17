package io.livegate.hls.fmp4;

import java.util.Objects;

/**
 * What the init segment says of a track.
 *
 * @param trackId   the ISO BMFF track_ID (1 or more)
 * @param timescale ticks per second of the track's decode times (the {@link io.livegate.media.Track} clock)
 * @param entry     the sample entry
 */
public record Fmp4Track(int trackId, int timescale, SampleEntry entry) {

    public Fmp4Track {
        Objects.requireNonNull(entry, "entry");
        if (trackId <= 0) {
            throw new IllegalArgumentException("track_ID must be > 0, was " + trackId);
        }
        if (timescale <= 0) {
            throw new IllegalArgumentException("timescale must be > 0, was " + timescale);
        }
    }

    public boolean isVideo() {
        return entry instanceof SampleEntry.Visual;
    }
}
