package io.livegate.gateway.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livegate.codec.CodecException;
import io.livegate.codec.CodecStrings;
import io.livegate.codec.VideoInfo;
import io.livegate.codec.aac.AudioSpecificConfig;
import io.livegate.media.CodecParameters;
import io.livegate.media.Track;
import io.livegate.router.PublisherInfo;
import io.livegate.router.Stream;
import io.livegate.router.Subscription;
import io.livegate.router.TrackStats;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders a {@link Stream} as the API's JSON object (snake_case keys, documented in the README). */
final class StreamJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StreamJson() {
    }

    static ObjectNode of(Stream s) {
        ObjectNode o = JSON.objectNode();
        o.put("path", s.path());
        o.put("state", s.state().name().toLowerCase(Locale.ROOT));
        o.put("created", s.created().toString());
        o.put("uptime_seconds", s.uptime().toMillis() / 1000.0);
        PublisherInfo p = s.publisher();
        if (p != null) {
            ObjectNode pub = o.putObject("publisher");
            pub.put("protocol", p.protocol());
            pub.put("remote_address", p.remoteAddress());
            pub.put("since", p.since().toString());
        }
        var tracks = o.putArray("tracks");
        for (Track t : s.tracks()) {
            tracks.add(track(t, s.trackStats(t.id()).orElse(null)));
        }
        ObjectNode subs = o.putObject("subscribers");
        Map<String, Integer> byProtocol = new TreeMap<>();
        long dropped = 0;
        for (Subscription sub : s.subscriptions()) {
            byProtocol.merge(sub.info().protocol(), 1, Integer::sum);
            dropped += sub.droppedFrames();
        }
        subs.put("total", byProtocol.values().stream().mapToInt(Integer::intValue).sum());
        ObjectNode bp = subs.putObject("by_protocol");
        byProtocol.forEach(bp::put);
        subs.put("dropped_frames", dropped);
        o.put("gop_cache_frames", s.gopCacheFrames());
        return o;
    }

    private static ObjectNode track(Track t, TrackStats st) {
        ObjectNode o = JSON.objectNode();
        o.put("id", t.id());
        o.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
        o.put("codec", t.codec().name().toLowerCase(Locale.ROOT));
        o.put("clock_rate", t.clockRate());
        try {
            o.put("codec_string", CodecStrings.of(t));
        } catch (CodecException e) {
            o.putNull("codec_string");
        }
        if (t.isVideo()) {
            VideoInfo v = VideoInfo.of(t);
            o.put("width", v.width());
            o.put("height", v.height());
            o.put("profile", v.profile());
            o.put("level", v.level());
            o.put("bit_depth", v.bitDepth());
            o.put("sps_allows_reordering", v.mayReorder());
        } else if (t.parameters() instanceof CodecParameters.AacParameters aac) {
            try {
                AudioSpecificConfig asc = AudioSpecificConfig.parse(aac.audioSpecificConfig());
                o.put("sample_rate", asc.sampleRate());
                o.put("channels", asc.channels());
            } catch (CodecException e) {
                o.putNull("sample_rate");
            }
        } else if (t.parameters() instanceof CodecParameters.OpusParameters opus) {
            o.put("sample_rate", 48_000);
            o.put("channels", opus.channels());
        }
        if (st != null) {
            o.put("bitrate", st.bitrate());
            o.put("frame_rate", Math.round(st.frameRate() * 100) / 100.0);
            o.put("frames", st.frames());
            o.put("bytes", st.bytes());
            if (t.isVideo()) {
                o.put("keyframes", st.keyframes());
                o.put("gop_frames", st.gopFrames());
                o.put("gop_ms", st.gopMillis());
                o.put("b_frames", st.reordered());
            }
        }
        return o;
    }
}
