package io.livegate.rtmp;

import io.livegate.codec.CodecException;
import io.livegate.codec.h264.Avcc;
import io.livegate.codec.av1.Av1Obu;
import io.livegate.codec.h264.H264NalType;
import io.livegate.codec.h265.H265NalType;
import io.livegate.codec.vp9.Vp9FrameHeader;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.Publisher;
import io.livegate.rtmp.chunk.RtmpMessage;
import io.livegate.rtmp.chunk.RtmpMessageType;
import io.livegate.rtmp.flv.FlvCodec;
import io.livegate.rtmp.flv.FlvException;
import io.livegate.rtmp.flv.FlvPacket;
import io.livegate.rtmp.flv.FlvTagReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTMP publish mapped onto one core-router {@link Publisher}: FLV tags become {@link Track}s and
 * {@link Frame}s. Tags are parsed in place in the message body (a heap buffer from the chunk decoder); each
 * payload is copied out of it exactly once, so no {@code ByteBuf} reaches the router.
 *
 * <p>Track ids: 0 is the (default track's) video, 1 its audio; further Enhanced RTMP multitrack tracks get
 * 2, 3, ... in order of appearance, up to {@code maxTracks}. Timestamps: FLV milliseconds scaled to the track
 * clock (video 90 kHz with pts = dts + composition time; AAC at its sampling rate; Opus 48 kHz), one origin
 * for all tracks as the router requires.
 *
 * <p>Tags that fail to parse count as invalid, tags that cannot be forwarded (no sequence header yet) as
 * dropped; neither ends the session. A sequence header that changes mid-stream replaces the track's
 * parameters in band.
 */
final class RtmpPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(RtmpPublisher.class);
    /** The FLV tag header inside an aggregate message (type, size, timestamp, stream id). */
    private static final int AGGREGATE_TAG_HEADER = 11;

    /** One FLV (kind, track id) and what it became on the bus. */
    private static final class TrackState {
        final int id;
        SequenceHeaders.Config config;
        Track track;

        TrackState(int id) {
            this.id = id;
        }
    }

    private final Publisher publisher;
    private final FlvTagReader reader;
    private final SessionStats stats;
    private final int maxTracks;
    private final Map<Integer, TrackState> tracks = new HashMap<>();
    private int nextTrackId = 2;
    private long parameterChanges;

    RtmpPublisher(Publisher publisher, int maxTracks, SessionStats stats) {
        this.publisher = publisher;
        this.reader = new FlvTagReader(maxTracks);
        this.stats = stats;
        this.maxTracks = maxTracks;
    }

    Publisher publisher() {
        return publisher;
    }

    long parameterChanges() {
        return parameterChanges;
    }

    /** Handles an audio, video or aggregate message; the caller keeps ownership of the message. */
    void onMessage(RtmpMessage msg) {
        ByteBuf body = msg.body();
        byte[] bytes;
        int off;
        int len = body.readableBytes();
        if (body.hasArray()) {
            // the chunk decoder assembles bodies on the heap: parse in place, payloads are copied out once
            bytes = body.array();
            off = body.arrayOffset() + body.readerIndex();
        } else {
            bytes = ByteBufUtil.getBytes(body);
            off = 0;
        }
        if (msg.typeId() == RtmpMessageType.AGGREGATE) {
            aggregate(bytes, off, len, msg.timestamp());
        } else {
            tag(msg.typeId() == RtmpMessageType.VIDEO, bytes, off, len, msg.timestamp());
        }
    }

    /** An aggregate message (RTMP 1.0 7.1.6): FLV tags back to back, each followed by its previous-tag-size. */
    private void aggregate(byte[] b, int off, int len, long messageTs) {
        int p = off;
        int end = off + len;
        long firstTs = -1;
        while (end - p >= AGGREGATE_TAG_HEADER) {
            int type = b[p] & 0x1F;
            int size = (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
            long ts = ((b[p + 4] & 0xFFL) << 16 | (b[p + 5] & 0xFFL) << 8 | (b[p + 6] & 0xFFL)
                    | (b[p + 7] & 0xFFL) << 24);
            p += AGGREGATE_TAG_HEADER;
            if (size > end - p) {
                stats.invalidTags++;
                return;
            }
            if (firstTs < 0) {
                firstTs = ts;
            }
            if (type == RtmpMessageType.AUDIO || type == RtmpMessageType.VIDEO) {
                tag(type == RtmpMessageType.VIDEO, b, p, size, (messageTs + ts - firstTs) & 0xFFFF_FFFFL);
            }
            p += size + 4;
        }
    }

    private void tag(boolean video, byte[] b, int off, int len, long ts) {
        if (len == 0) {
            return; // empty tags are keep-alives some encoders send
        }
        List<FlvPacket> packets;
        try {
            packets = video ? reader.readVideo(b, off, len) : reader.readAudio(b, off, len);
        } catch (FlvException e) {
            invalid(e.getMessage());
            return;
        }
        for (FlvPacket p : packets) {
            try {
                packet(p, ts);
            } catch (FlvException | CodecException | IllegalArgumentException e) {
                invalid(e.getMessage());
            }
        }
    }

    private void invalid(String why) {
        if (stats.invalidTags++ == 0) {
            LOG.warn("rtmp invalid tag path={} remote={} error=\"{}\" (further ones are only counted)", stats.path,
                    stats.remoteAddress, why);
        }
    }

    private void packet(FlvPacket p, long ts) {
        TrackState t = track(p);
        if (t == null) {
            stats.droppedTags++;
            return;
        }
        switch (p.kind()) {
            case SEQUENCE_START -> configure(t, p);
            case CODED_FRAMES -> frame(t, p, ts);
            case SEQUENCE_END, METADATA -> {
                // nothing to forward: the next sequence start reconfigures
            }
        }
    }

    private TrackState track(FlvPacket p) {
        int key = (p.isVideo() ? 0 : 1 << 8) | p.trackId();
        TrackState t = tracks.get(key);
        if (t == null) {
            int id;
            if (p.trackId() == 0) {
                id = p.isVideo() ? 0 : 1;
            } else if (nextTrackId < maxTracks) {
                id = nextTrackId++;
            } else {
                return null;
            }
            t = new TrackState(id);
            tracks.put(key, t);
        }
        return t;
    }

    private void configure(TrackState t, FlvPacket p) {
        SequenceHeaders.Config config = SequenceHeaders.parse(p.codec(), p.data(), p.offset(), p.length());
        Track track = new Track(t.id, config.codec(), config.clockRate(), config.parameters());
        if (t.track != null && !t.track.equals(track)) {
            parameterChanges++;
            LOG.info("rtmp track change path={} remote={} track={} codec={} (in-band sequence header change)",
                    stats.path, stats.remoteAddress, t.id, config.codec());
        }
        t.config = config;
        t.track = track;
        publisher.setTrack(track);
    }

    private void frame(TrackState t, FlvPacket p, long ts) {
        SequenceHeaders.Config c = t.config;
        if (c == null || !sameCodec(c.codec(), p.codec())) {
            stats.droppedTags++;
            return;
        }
        byte[] b = p.data();
        int off = p.offset();
        int len = p.length();
        long dts;
        long pts;
        Payload payload;
        boolean key = p.keyframe();
        switch (c.codec()) {
            case H264, H265 -> {
                List<byte[]> nalus = Avcc.split(b, off, len, c.nalLengthSize());
                if (nalus.isEmpty()) {
                    stats.droppedTags++;
                    return;
                }
                key = key || (c.codec() == Codec.H264 ? H264NalType.isKeyframe(nalus) : H265NalType.isKeyframe(nalus));
                payload = new Payload.NalUnits(nalus);
            }
            case AV1 -> {
                List<byte[]> obus = Av1Obu.dropTemporalDelimiters(Av1Obu.split(b, off, len));
                if (obus.isEmpty()) {
                    stats.droppedTags++;
                    return;
                }
                if (t.track.parameters() == null) {
                    byte[] seq = obus.stream().filter(o -> Av1Obu.type(o) == Av1Obu.OBU_SEQUENCE_HEADER)
                            .findFirst().orElse(null);
                    if (seq == null) {
                        stats.droppedTags++; // no sequence header yet: undecodable
                        return;
                    }
                    t.track = t.track.withParameters(new CodecParameters.Av1Parameters(seq));
                    publisher.setTrack(t.track);
                }
                key = key || Av1Obu.isKeyframe(obus);
                payload = new Payload.Av1TemporalUnit(obus);
            }
            case VP8, VP9 -> {
                payload = new Payload.VpxFrame(Arrays.copyOfRange(b, off, off + len));
                if (c.codec() == Codec.VP9 && key) {
                    vp9Size(t, ((Payload.VpxFrame) payload).data());
                }
            }
            case AAC -> payload = new Payload.AacFrame(Arrays.copyOfRange(b, off, off + len));
            case OPUS -> payload = new Payload.OpusPacket(Arrays.copyOfRange(b, off, off + len));
            default -> {
                stats.droppedTags++;
                return;
            }
        }
        if (c.codec().isVideo()) {
            dts = ts * 90;
            pts = (ts + p.compositionTime()) * 90;
            stats.videoFrame(ts, key);
        } else {
            dts = ts * c.clockRate() / 1000;
            pts = dts;
            key = true;
            stats.audioFrame();
        }
        publisher.write(new Frame(t.id, pts, dts, key, payload, System.nanoTime()));
    }

    /** vpcC carries no picture size: take it from the first keyframe header so the API can show it. */
    private void vp9Size(TrackState t, byte[] frame) {
        if (!(t.track.parameters() instanceof CodecParameters.VpxParameters p) || p.width() != 0) {
            return;
        }
        try {
            Vp9FrameHeader h = Vp9FrameHeader.parse(frame);
            if (h.keyframe() && h.width() > 0) {
                t.track = t.track.withParameters(new CodecParameters.VpxParameters(p.profile(), p.bitDepth(),
                        h.width(), h.height()));
                publisher.setTrack(t.track);
            }
        } catch (CodecException e) {
            // a header we cannot read leaves the size unknown; the frame still goes out
        }
    }

    private static boolean sameCodec(Codec codec, FlvCodec flv) {
        return switch (flv) {
            case AVC -> codec == Codec.H264;
            case HEVC -> codec == Codec.H265;
            case AV1 -> codec == Codec.AV1;
            case VP9 -> codec == Codec.VP9;
            case VP8 -> codec == Codec.VP8;
            case AAC -> codec == Codec.AAC;
            case OPUS -> codec == Codec.OPUS;
        };
    }

    void close() {
        publisher.close();
    }
}
