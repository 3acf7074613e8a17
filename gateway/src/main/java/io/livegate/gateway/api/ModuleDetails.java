package io.livegate.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livegate.hls.HlsEgress;
import io.livegate.hls.HlsStreamInfo;
import io.livegate.rtmp.RtmpServer;
import io.livegate.rtmp.RtmpSessionInfo;
import io.livegate.srt.SrtServer;
import io.livegate.srt.SrtSessionInfo;
import io.livegate.transcode.OpusTranscoding;
import io.livegate.transcode.TranscoderInfo;
import io.livegate.whep.WhepEgress;
import io.livegate.whep.WhepSessionInfo;
import io.livegate.whip.WhipIngest;
import io.livegate.whip.WhipSessionInfo;
import java.util.Locale;

/** The {@link StreamDetails} of each protocol module, as the API shows them. */
public final class ModuleDetails {

    private ModuleDetails() {
    }

    /** {@code publisher.rtmp}: the encoder's own description and what the connection carried. */
    public static StreamDetails rtmp(RtmpServer server) {
        return (path, stream) -> {
            for (RtmpSessionInfo s : server.sessions()) {
                if (s.path().equals(path) && stream.get("publisher") instanceof ObjectNode pub
                        && pub.path("protocol").asText().startsWith("rtmp")
                        && pub.path("remote_address").asText().equals(s.remoteAddress())) {
                    ObjectNode o = pub.putObject("rtmp");
                    o.put("encoder", s.encoder());
                    o.put("flash_ver", s.flashVer());
                    o.put("bytes_in", s.bytesIn());
                    o.put("bitrate", s.bitrate());
                    o.put("frame_rate", s.frameRate());
                    o.put("keyframe_interval_seconds", s.keyframeIntervalSeconds());
                    o.put("invalid_tags", s.invalidTags());
                    o.put("dropped_tags", s.droppedTags());
                }
            }
        };
    }

    /** {@code publisher.srt}: link statistics from libsrt. */
    public static StreamDetails srt(SrtServer server) {
        return (path, stream) -> {
            for (SrtSessionInfo s : server.sessions()) {
                if (s.path().equals(path) && stream.get("publisher") instanceof ObjectNode pub
                        && pub.path("protocol").asText().equals("srt")) {
                    ObjectNode o = pub.putObject("srt");
                    o.put("stream_id", s.streamId());
                    o.put("bytes_in", s.bytesIn());
                    o.put("bitrate", s.bitrate());
                    o.put("packets_lost", s.packetsLost());
                    o.put("packets_retransmitted", s.packetsRetransmitted());
                    o.put("packets_dropped", s.packetsDropped());
                    o.put("rtt_ms", s.rttMs());
                    o.put("latency_ms", s.latencyMs());
                    o.put("encrypted", s.encrypted());
                    o.put("continuity_errors", s.continuityErrors());
                }
            }
        };
    }

    /** {@code hls}: viewers inferred from playlist polling, and what the packager produced. */
    public static StreamDetails hls(HlsEgress hls) {
        return (path, stream) -> {
            for (HlsStreamInfo s : hls.streams()) {
                if (s.path().equals(path)) {
                    ObjectNode o = stream.putObject("hls");
                    o.put("viewers", s.viewers());
                    o.put("segments", s.segments());
                    o.put("parts", s.parts());
                    o.put("bytes_served", s.bytesServed());
                }
            }
        };
    }

    /**
     * {@code whep}: WebRTC viewers of the stream (the router sees one shared subscriber per stream; the viewers are
     * here) and the AAC-to-Opus transcoder serving them, if any.
     */
    public static StreamDetails whep(WhepEgress whep, OpusTranscoding opus) {
        return (path, stream) -> {
            ObjectNode o = null;
            for (WhepSessionInfo s : whep.sessions()) {
                if (!s.path().equals(path)) {
                    continue;
                }
                if (o == null) {
                    o = stream.putObject("whep");
                    o.putArray("sessions");
                }
                ObjectNode v = ((com.fasterxml.jackson.databind.node.ArrayNode) o.get("sessions")).addObject();
                v.put("id", s.id());
                v.put("remote_address", s.remoteAddress());
                v.put("state", s.state());
                v.put("ice_transport", s.iceTransport());
                v.put("video_codec", s.videoCodec());
                v.put("audio_codec", s.audioCodec());
                v.put("bitrate", s.bitrate());
                v.put("packets_sent", s.packetsSent());
                v.put("retransmits", s.retransmits());
                v.put("nacks", s.nacks());
                v.put("keyframe_requests", s.keyframeRequests());
                v.put("dropped_packets", s.droppedPackets());
                v.put("fraction_lost", s.fractionLost());
                v.put("rtt_ms", s.rttMillis());
                v.put("b_frames", s.bframes());
                v.put("created", s.created().toString());
            }
            if (o != null) {
                o.put("viewers", o.get("sessions").size());
            }
            if (opus != null) {
                for (TranscoderInfo t : opus.transcoders()) {
                    if (t.path().equals(path)) {
                        ObjectNode tr = stream.putObject("transcode");
                        tr.put("track", t.trackId());
                        tr.put("input", t.inputCodec().name().toLowerCase(Locale.ROOT) + " " + t.inputSampleRate()
                                + " Hz " + t.inputChannels() + " ch");
                        tr.put("output", "opus 48000 Hz " + t.outputBitrate() + " bit/s");
                        tr.put("frames_in", t.framesIn());
                        tr.put("frames_out", t.framesOut());
                        tr.put("bad_frames", t.badFrames());
                        tr.put("cpu_ms", t.cpuNanos() / 1_000_000);
                    }
                }
            }
        };
    }

    /**
     * {@code publisher.whip}: the WebRTC publisher's session (codecs, receive counters, how its tracks were put on one
     * timeline).
     */
    public static StreamDetails whip(WhipIngest whip) {
        return (path, stream) -> {
            for (WhipSessionInfo s : whip.sessions()) {
                if (s.path().equals(path) && stream.get("publisher") instanceof ObjectNode pub
                        && pub.path("protocol").asText().equals("whip")) {
                    ObjectNode o = pub.putObject("whip");
                    o.put("session", s.id());
                    o.put("state", s.state());
                    o.put("ice_transport", s.iceTransport());
                    o.put("video_codec", s.videoCodec());
                    o.put("audio_codec", s.audioCodec());
                    o.put("bitrate", s.bitrate());
                    o.put("packets_in", s.packetsIn());
                    o.put("bytes_in", s.bytesIn());
                    o.put("packets_lost", s.packetsLost());
                    o.put("lost_for_good", s.lostForGood());
                    o.put("nacks", s.nacks());
                    o.put("retransmits_in", s.retransmitsIn());
                    o.put("keyframe_requests", s.keyframeRequests());
                    o.put("frames_in", s.framesIn());
                    o.put("frames_skipped", s.framesSkipped());
                    o.put("lip_sync", s.lipSync());
                }
            }
        };
    }
}
