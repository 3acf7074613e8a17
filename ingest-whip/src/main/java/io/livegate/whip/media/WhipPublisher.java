package io.livegate.whip.media;

import io.livegate.codec.CodecException;
import io.livegate.codec.av1.Av1Obu;
import io.livegate.codec.h264.H264ParameterSets;
import io.livegate.codec.h265.H265ParameterSets;
import io.livegate.codec.vp9.Vp9FrameHeader;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.CodecParameters.H264Parameters;
import io.livegate.media.CodecParameters.H265Parameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.Publisher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a WHIP publisher's reassembled frames into the bus: one {@link Track} per received media section (first
 * video id 0, first audio id 1, further ones 2, 3, ...), parameters from the SDP (H.264/H.265 sprop-* fmtp) or in
 * band (parameter sets, the AV1 sequence header, VP8/VP9 keyframe headers), Opus as {@code OpusParameters}.
 * Video waits for a keyframe whose parameters are known before its track is set, and again after a loss that the
 * receive path gave up on, so no decoder is fed a frame it cannot decode. Timestamps go through {@link LipSync}.
 * One thread.
 */
public final class WhipPublisher {
    private static final Logger log = LoggerFactory.getLogger(WhipPublisher.class);

    private static final class TrackState {
        final int id;
        final Codec codec;
        final int clockRate;
        final int channels;
        CodecParameters parameters;
        Track track;
        boolean waitKeyframe;
        long frames;
        long skipped;
        long lastKeyframeNanos = Long.MIN_VALUE;

        TrackState(int id, Codec codec, int clockRate, int channels) {
            this.id = id;
            this.codec = codec;
            this.clockRate = clockRate;
            this.channels = channels;
            this.waitKeyframe = codec.isVideo();
        }
    }

    private final Publisher publisher;
    private final LipSync sync;
    private final String label;
    private final Map<Integer, TrackState> tracks = new LinkedHashMap<>();

    /**
     * @param publisher the bus handle
     * @param sync      the publisher's timeline
     * @param label     who this is, for log lines ({@code session=... path=...})
     */
    public WhipPublisher(Publisher publisher, LipSync sync, String label) {
        this.publisher = publisher;
        this.sync = sync;
        this.label = label;
    }

    /**
     * A track agreed in the answer.
     *
     * @param fmtp the offered fmtp parameters (sprop-parameter-sets and the like)
     */
    public void addTrack(int id, Codec codec, int clockRate, int channels, Map<String, String> fmtp) {
        TrackState t = new TrackState(id, codec, clockRate, channels);
        t.parameters = switch (codec) {
            case H264 -> spropH264(fmtp);
            case H265 -> spropH265(fmtp);
            case OPUS -> new CodecParameters.OpusParameters(channels > 0 ? channels : 2, 0, 48_000);
            default -> null;
        };
        tracks.put(id, t);
        sync.addTrack(id, clockRate);
    }

    /** True while a video track waits for a keyframe (the session asks the publisher for one). */
    public boolean waitingForKeyframe(int id) {
        TrackState t = tracks.get(id);
        return t != null && t.waitKeyframe;
    }

    /** The receive path lost a frame for good: video waits for the next keyframe. */
    public void lost(int id) {
        TrackState t = tracks.get(id);
        if (t != null && t.codec.isVideo() && !t.waitKeyframe) {
            t.waitKeyframe = true;
        }
    }

    /**
     * One reassembled frame.
     *
     * @param extTimestamp its extended RTP timestamp
     * @param arrivalNanos when its last packet arrived
     */
    public void frame(int id, long extTimestamp, boolean keyframe, Payload payload, long arrivalNanos) {
        TrackState t = tracks.get(id);
        if (t == null) {
            return;
        }
        boolean key = keyframe;
        if (t.codec.isVideo()) {
            try {
                CodecParameters p = inBand(t, payload, keyframe);
                if (p != null) {
                    t.parameters = p;
                }
            } catch (CodecException e) {
                log.debug("whip bad parameters {} track={} error={}", label, id, e.getMessage());
                key = false;
            }
            if (t.waitKeyframe && (!key || t.parameters == null)) {
                t.skipped++;
                return;
            }
            t.waitKeyframe = false;
        }
        if (t.parameters == null) {
            t.skipped++;
            return;
        }
        Track track = new Track(t.id, t.codec, t.clockRate, t.parameters);
        if (!track.equals(t.track)) {
            boolean first = t.track == null;
            t.track = track;
            publisher.setTrack(track);
            log.info("whip track {} id={} codec={} clock={} {}", label, id, t.codec, t.clockRate,
                    first ? "added" : "parameters changed");
        }
        t.frames++;
        if (key && t.codec.isVideo()) {
            t.lastKeyframeNanos = arrivalNanos;
        }
        write(sync.frame(id, extTimestamp, new Frame(id, 0, 0, t.codec.isVideo() ? key : true, payload,
                arrivalNanos), arrivalNanos));
    }

    /** The timeline this publisher writes on. */
    public LipSync sync() {
        return sync;
    }

    /** Releases held frames when the lip-sync hold ends. */
    public void poll(long nowNanos) {
        write(sync.poll(nowNanos));
    }

    private void write(List<Frame> frames) {
        for (Frame f : frames) {
            publisher.write(f);
        }
    }

    /** When the last keyframe of a video track was written, or Long.MIN_VALUE before the first. */
    public long lastKeyframeNanos(int id) {
        TrackState t = tracks.get(id);
        return t == null ? Long.MIN_VALUE : t.lastKeyframeNanos;
    }

    public long frames(int id) {
        TrackState t = tracks.get(id);
        return t == null ? 0 : t.frames;
    }

    /** Frames not written: before the first keyframe, after a loss, or before parameters were known. */
    public long skipped(int id) {
        TrackState t = tracks.get(id);
        return t == null ? 0 : t.skipped;
    }

    /** Parameters carried by this frame, or null when it carries none. */
    static CodecParameters inBand(TrackState t, Payload payload, boolean keyframe) {
        return switch (payload) {
            case Payload.NalUnits n when t.codec == Codec.H264 -> h264(n.units(), t.parameters);
            case Payload.NalUnits n when t.codec == Codec.H265 -> h265(n.units(), t.parameters);
            case Payload.VpxFrame v when keyframe && t.codec == Codec.VP8 -> vp8(v.data());
            case Payload.VpxFrame v when keyframe && t.codec == Codec.VP9 -> vp9(v.data());
            case Payload.Av1TemporalUnit a -> {
                byte[] seq = Av1Obu.sequenceHeader(a.obus());
                yield seq == null ? null : new CodecParameters.Av1Parameters(seq);
            }
            default -> null;
        };
    }

    /** The merged parameters when the units carry new ones and the result is complete, else null. */
    private static CodecParameters h264(List<byte[]> nalus, CodecParameters old) {
        H264Parameters prev = old instanceof H264Parameters h ? h : null;
        H264Parameters next = H264ParameterSets.update(prev, nalus);
        return next != prev && H264ParameterSets.complete(next) ? next : null;
    }

    private static CodecParameters h265(List<byte[]> nalus, CodecParameters old) {
        H265Parameters prev = old instanceof H265Parameters h ? h : null;
        H265Parameters next = H265ParameterSets.update(prev, nalus);
        return next != prev && H265ParameterSets.complete(next) ? next : null;
    }

    /** RFC 6386 9.1: the keyframe's 3-byte tag, start code 9d 01 2a, then 14-bit width and height. */
    static CodecParameters vp8(byte[] f) {
        if (f.length < 10 || (f[0] & 1) != 0 || (f[3] & 0xFF) != 0x9d || (f[4] & 0xFF) != 0x01
                || (f[5] & 0xFF) != 0x2a) {
            throw CodecException.malformed("VP8 keyframe header missing");
        }
        int profile = (f[0] >> 1) & 7;
        int width = ((f[6] & 0xFF) | (f[7] & 0xFF) << 8) & 0x3FFF;
        int height = ((f[8] & 0xFF) | (f[9] & 0xFF) << 8) & 0x3FFF;
        return new CodecParameters.VpxParameters(profile, 8, width, height);
    }

    private static CodecParameters vp9(byte[] f) {
        Vp9FrameHeader h = Vp9FrameHeader.parse(f);
        return h.keyframe() ? new CodecParameters.VpxParameters(h.profile(), h.bitDepth(), h.width(), h.height())
                : null;
    }

    /** RFC 6184 8.1 sprop-parameter-sets: base64 NAL units, comma-separated; null when absent or unusable. */
    static CodecParameters spropH264(Map<String, String> fmtp) {
        List<byte[]> nalus = sprop(fmtp.get("sprop-parameter-sets"));
        return nalus.isEmpty() ? null : h264(nalus, null);
    }

    /** RFC 7798 7.1 sprop-vps/sps/pps. */
    static CodecParameters spropH265(Map<String, String> fmtp) {
        List<byte[]> nalus = new ArrayList<>();
        for (String k : List.of("sprop-vps", "sprop-sps", "sprop-pps")) {
            nalus.addAll(sprop(fmtp.get(k)));
        }
        return nalus.isEmpty() ? null : h265(nalus, null);
    }

    private static List<byte[]> sprop(String value) {
        List<byte[]> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String part : value.split(",", 16)) {
            try {
                byte[] nal = Base64.getDecoder().decode(part.trim());
                if (nal.length > 1) {
                    out.add(nal);
                }
            } catch (IllegalArgumentException e) {
                // not base64: ignored, the parameter sets come in band
            }
        }
        return out;
    }
}
