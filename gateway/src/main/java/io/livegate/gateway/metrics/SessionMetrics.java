package io.livegate.gateway.metrics;

import io.livegate.hls.HlsEgress;
import io.livegate.hls.HlsStreamInfo;
import io.livegate.rtmp.RtmpServer;
import io.livegate.rtmp.RtmpSessionInfo;
import io.livegate.srt.SrtServer;
import io.livegate.srt.SrtSessionInfo;
import io.livegate.whip.WhipIngest;
import io.livegate.whip.WhipSessionInfo;
import io.livegate.whep.WhepEgress;
import io.livegate.whep.WhepSessionInfo;
import java.util.Map;
import java.util.TreeMap;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-session series of the protocol modules, refreshed at each scrape so ended sessions disappear: publisher
 * receive rate and bytes, RTMP invalid tags, SRT loss/RTT, HLS viewers. Modules that are off are null.
 */
public final class SessionMetrics {

    private final RtmpServer rtmp;
    private final SrtServer srt;
    private final WhipIngest whip;
    private final HlsEgress hls;
    private final WhepEgress whep;
    private final MultiGauge whepViewers;
    private final MultiGauge whepBitrate;
    private final MultiGauge publisherBitrate;
    private final MultiGauge publisherBytes;
    private final MultiGauge rtmpInvalidTags;
    private final MultiGauge srtLost;
    private final MultiGauge srtDropped;
    private final MultiGauge srtRtt;
    private final MultiGauge whipLost;
    private final MultiGauge hlsViewers;

    public SessionMetrics(MeterRegistry registry, RtmpServer rtmp, SrtServer srt, WhipIngest whip, HlsEgress hls,
                          WhepEgress whep) {
        this.rtmp = rtmp;
        this.srt = srt;
        this.whip = whip;
        this.hls = hls;
        this.whep = whep;
        whepViewers = MultiGauge.builder("livegate.whep.viewers")
                .description("WebRTC (WHEP) viewers per stream").register(registry);
        whepBitrate = MultiGauge.builder("livegate.whep.send.bitrate").baseUnit("bits_per_second")
                .description("Media sent to WHEP viewers per stream").register(registry);
        publisherBitrate = MultiGauge.builder("livegate.publisher.receive.bitrate").baseUnit("bits_per_second")
                .description("Receive rate of each publisher connection").register(registry);
        publisherBytes = MultiGauge.builder("livegate.publisher.received").baseUnit("bytes")
                .description("Bytes received on each publisher connection").register(registry);
        rtmpInvalidTags = MultiGauge.builder("livegate.rtmp.invalid.tags")
                .description("RTMP audio/video tags that could not be parsed, per connection").register(registry);
        srtLost = MultiGauge.builder("livegate.srt.packets.lost")
                .description("SRT packets detected lost (recovered or not), per connection").register(registry);
        srtDropped = MultiGauge.builder("livegate.srt.packets.dropped")
                .description("SRT packets dropped as too late, per connection").register(registry);
        srtRtt = MultiGauge.builder("livegate.srt.rtt").baseUnit("milliseconds")
                .description("SRT round-trip time, per connection").register(registry);
        whipLost = MultiGauge.builder("livegate.whip.packets.lost")
                .description("RTP packets a WHIP publisher lost, before retransmission").register(registry);
        hlsViewers = MultiGauge.builder("livegate.hls.viewers")
                .description("HLS viewers per stream (sessions polling playlists)").register(registry);
    }

    public void refresh() {
        List<MultiGauge.Row<?>> bitrate = new ArrayList<>();
        List<MultiGauge.Row<?>> bytes = new ArrayList<>();
        List<MultiGauge.Row<?>> invalid = new ArrayList<>();
        if (rtmp != null) {
            for (RtmpSessionInfo s : rtmp.sessions()) {
                if (s.path().isEmpty()) {
                    continue;
                }
                Tags t = Tags.of("path", s.path(), "protocol", s.protocol());
                bitrate.add(MultiGauge.Row.of(t, s.bitrate()));
                bytes.add(MultiGauge.Row.of(t, s.bytesIn()));
                invalid.add(MultiGauge.Row.of(Tags.of("path", s.path()), s.invalidTags()));
            }
        }
        List<MultiGauge.Row<?>> lost = new ArrayList<>();
        List<MultiGauge.Row<?>> dropped = new ArrayList<>();
        List<MultiGauge.Row<?>> rtt = new ArrayList<>();
        if (srt != null) {
            for (SrtSessionInfo s : srt.sessions()) {
                Tags t = Tags.of("path", s.path(), "protocol", "srt");
                bitrate.add(MultiGauge.Row.of(t, s.bitrate()));
                bytes.add(MultiGauge.Row.of(t, s.bytesIn()));
                Tags p = Tags.of("path", s.path());
                lost.add(MultiGauge.Row.of(p, s.packetsLost()));
                dropped.add(MultiGauge.Row.of(p, s.packetsDropped()));
                rtt.add(MultiGauge.Row.of(p, s.rttMs()));
            }
        }
        List<MultiGauge.Row<?>> whipLostRows = new ArrayList<>();
        if (whip != null) {
            for (WhipSessionInfo s : whip.sessions()) {
                Tags t = Tags.of("path", s.path(), "protocol", "whip");
                bitrate.add(MultiGauge.Row.of(t, s.bitrate()));
                bytes.add(MultiGauge.Row.of(t, s.bytesIn()));
                whipLostRows.add(MultiGauge.Row.of(Tags.of("path", s.path()), s.packetsLost()));
            }
        }
        List<MultiGauge.Row<?>> viewers = new ArrayList<>();
        if (hls != null) {
            for (HlsStreamInfo s : hls.streams()) {
                viewers.add(MultiGauge.Row.of(Tags.of("path", s.path()), s.viewers()));
            }
        }
        Map<String, long[]> perStream = new TreeMap<>();
        if (whep != null) {
            for (WhepSessionInfo s : whep.sessions()) {
                long[] v = perStream.computeIfAbsent(s.path(), p -> new long[2]);
                v[0]++;
                v[1] += s.bitrate();
            }
        }
        List<MultiGauge.Row<?>> wv = new ArrayList<>();
        List<MultiGauge.Row<?>> wb = new ArrayList<>();
        perStream.forEach((path, v) -> {
            wv.add(MultiGauge.Row.of(Tags.of("path", path), v[0]));
            wb.add(MultiGauge.Row.of(Tags.of("path", path), v[1]));
        });
        whepViewers.register(wv, true);
        whepBitrate.register(wb, true);
        publisherBitrate.register(bitrate, true);
        publisherBytes.register(bytes, true);
        rtmpInvalidTags.register(invalid, true);
        srtLost.register(lost, true);
        srtDropped.register(dropped, true);
        srtRtt.register(rtt, true);
        whipLost.register(whipLostRows, true);
        hlsViewers.register(viewers, true);
    }
}
