package io.livegate.hls.muxer;

import io.livegate.hls.fmp4.Fmp4Track;
import io.livegate.media.Track;
import java.util.Objects;

/**
 * A router track as the muxer needs it: the fMP4 description, the RFC 6381 codec string for CODECS, and the
 * picture size or channel count for the multivariant playlist.
 *
 * @param track           the router's track
 * @param fmp4            track id, timescale and sample entry of the init segment
 * @param codecs          RFC 6381 codec string (e.g. {@code avc1.64001f}, {@code mp4a.40.2})
 * @param width           picture width, 0 for audio
 * @param height          picture height, 0 for audio
 * @param frameRate       frame rate the bitstream declares, 0 when unknown (then measured)
 * @param channels        audio channels, 0 for video
 * @param nominalDuration a sample's duration in the track clock when nothing better is known yet
 */
public record MuxerTrack(Track track, Fmp4Track fmp4, String codecs, int width, int height, double frameRate,
                         int channels, long nominalDuration) {

    public MuxerTrack {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(fmp4, "fmp4");
        Objects.requireNonNull(codecs, "codecs");
    }

    public boolean isVideo() {
        return track.isVideo();
    }

    public int timescale() {
        return fmp4.timescale();
    }
}
