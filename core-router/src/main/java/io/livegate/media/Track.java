package io.livegate.media;

import java.util.Objects;

/**
 * One elementary stream of a {@link io.livegate.router.Stream}: its id within the stream, codec, timestamp
 * clock and parameters. A publisher replaces a track (same id) when its parameters change in band.
 *
 * @param id         stable within a stream; ingest chooses it (e.g. 0 video, 1 audio; multitrack adds more)
 * @param codec      the codec
 * @param clockRate  ticks per second of this track's {@link Frame} timestamps (90000 for video)
 * @param parameters out-of-band parameters, or null while the publisher has not sent them yet
 */
public record Track(int id, Codec codec, int clockRate, CodecParameters parameters) {

    public Track {
        Objects.requireNonNull(codec, "codec");
        if (id < 0) {
            throw new IllegalArgumentException("track id must be >= 0, was " + id);
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be > 0, was " + clockRate);
        }
    }

    public MediaKind kind() {
        return codec.kind();
    }

    public boolean isVideo() {
        return codec.isVideo();
    }

    public Track withParameters(CodecParameters newParameters) {
        return new Track(id, codec, clockRate, newParameters);
    }
}
