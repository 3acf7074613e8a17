package io.livegate.hls.muxer;

import io.livegate.hls.playlist.PlaylistWriter;
import io.livegate.hls.playlist.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * The multivariant playlist (rfc8216bis 4.4.6): one variant stream, with audio as its own EXT-X-MEDIA
 * rendition when the stream has both video and audio; CODECS from the real parameters, RESOLUTION and
 * FRAME-RATE, and BANDWIDTH/AVERAGE-BANDWIDTH measured over the segments in the window.
 */
final class MultivariantPlaylistWriter {

    static final String AUDIO_GROUP = "audio";

    private MultivariantPlaylistWriter() {
    }

    /** {@code bandwidth} is {peak, average} bits per second. */
    static String write(Rendition video, Rendition audio, boolean classic, long[] bandwidth) {
        List<Tag> tags = new ArrayList<>();
        tags.add(new Tag.Version(MediaPlaylistWriter.VERSION_CLASSIC));
        tags.add(new Tag.IndependentSegments());
        if (video != null) {
            MuxerTrack v = video.track();
            String codecs = v.codecs();
            String group = null;
            if (audio != null) {
                group = AUDIO_GROUP;
                codecs += "," + audio.track().codecs();
                tags.add(new Tag.Media(AUDIO_GROUP, "audio", true, true, audio.track().channels(),
                        HlsNames.playlist(HlsNames.AUDIO, classic)));
            }
            double fps = v.frameRate() > 0 ? v.frameRate() : video.sampleRate();
            tags.add(new Tag.StreamInf(bandwidth[0], bandwidth[1], codecs, v.width(), v.height(), fps, group,
                    HlsNames.playlist(HlsNames.VIDEO, classic)));
        } else if (audio != null) {
            tags.add(new Tag.StreamInf(bandwidth[0], bandwidth[1], audio.track().codecs(), 0, 0, 0, null,
                    HlsNames.playlist(HlsNames.AUDIO, classic)));
        }
        return PlaylistWriter.write(tags);
    }
}
