package io.livegate.hls.muxer;

import io.livegate.hls.playlist.PlaylistWriter;
import io.livegate.hls.playlist.Tag;
import io.livegate.hls.store.StoredSegment;
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

    static String write(Rendition video, Rendition audioTrack, boolean classic) {
        // An audio track that has not produced a segment yet (declared but silent) is left out rather than
        // announced to players that would then wait on it.
        Rendition audio = audioTrack != null && (video == null || audioTrack.store().lastComplete() != null)
                ? audioTrack : null;
        List<Rendition> all = new ArrayList<>(2);
        if (video != null) {
            all.add(video);
        }
        if (audio != null) {
            all.add(audio);
        }
        long[] bandwidth = measuredBandwidth(all);
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
            double fps = v.frameRate() > 0 ? v.frameRate() : video.measuredRate();
            tags.add(new Tag.StreamInf(bandwidth[0], bandwidth[1], codecs, v.width(), v.height(), fps, group,
                    HlsNames.playlist(HlsNames.VIDEO, classic)));
        } else if (audio != null) {
            tags.add(new Tag.StreamInf(bandwidth[0], bandwidth[1], audio.track().codecs(), 0, 0, 0, null,
                    HlsNames.playlist(HlsNames.AUDIO, classic)));
        }
        return PlaylistWriter.write(tags);
    }

    /** Peak and average bits per second over the complete segments in the window, all renditions summed. */
    static long[] measuredBandwidth(List<Rendition> renditions) {
        long peak = 0;
        long avg = 0;
        for (Rendition r : renditions) {
            long bytes = 0;
            double secs = 0;
            long rPeak = 0;
            for (StoredSegment s : r.store().completeSegments()) {
                bytes += s.bytes();
                secs += s.duration();
                if (s.duration() > 0) {
                    rPeak = Math.max(rPeak, (long) (s.bytes() * 8 / s.duration()));
                }
            }
            peak += rPeak;
            avg += secs > 0 ? (long) (bytes * 8 / secs) : 0;
        }
        return new long[] {Math.max(peak, 1), Math.max(avg, 1)};
    }

}
