package io.livegate.gateway.config;

import io.livegate.hls.HlsConfig;
import io.livegate.hls.HlsLimits;
import io.livegate.rtc.sdp.SdpLimits;
import io.livegate.rtc.transport.WebRtcConfig;
import io.livegate.rtc.transport.WebRtcLimits;
import io.livegate.router.RouterConfig;
import io.livegate.rtmp.RtmpConfig;
import io.livegate.rtmp.chunk.RtmpLimits;
import io.livegate.srt.SrtConfig;
import io.livegate.srt.SrtLimits;
import io.livegate.transcode.TranscodeConfig;
import io.livegate.whep.WhepConfig;
import io.livegate.whip.WhipConfig;
import io.livegate.whip.WhipLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.time.Duration;

/** The effective configuration, bound from a {@link ConfigTree}. Sections mirror {@code conf/livegate.yaml}. */
public record GatewayConfig(Http http, Log log, RouterConfig router, Subscribers subscribers, boolean metricsEnabled,
                            RtmpConfig rtmp, SrtConfig srt, HlsConfig hls, WebRtcConfig webrtc, WhepConfig whep,
                            ServerOffer whepServerOffer, TranscodeConfig transcode, WhipConfig whip, Pages pages) {

    /** The built-in web pages (index, watch, broadcast). */
    public record Pages(boolean enabled) {
    }

    /** WHEP server-offer mode: on or off, and how long an offer waits for its answer. */
    public record ServerOffer(boolean enabled, Duration answerTimeout) {
    }

    /** The HTTP server section. */
    public record Http(String host, int port, int maxBodySize, String corsOrigin, Duration idleTimeout) {
    }

    /** The log section. */
    public record Log(String format, String level) {
    }

    /** Per-subscriber queue bounds applied by egress modules. */
    public record Subscribers(int maxFrames, long maxBytes) {
    }

    public static GatewayConfig from(ConfigTree c) {
        Http http = new Http(c.string("http.host"), c.integer("http.port", 0, 65535),
                (int) Math.min(Integer.MAX_VALUE, c.size("http.max_body_size")), c.string("http.cors_origin"),
                c.duration("http.idle_timeout"));
        Log log = new Log(c.choice("log.format", "logfmt", "json"),
                c.choice("log.level", "error", "warn", "info", "debug", "trace"));
        RouterConfig router = new RouterConfig(c.duration("router.grace_period"), c.bool("router.allow_takeover"),
                c.integer("router.gop_cache_max_frames", 0, 1_000_000), c.size("router.gop_cache_max_bytes"),
                c.duration("router.keyframe_request_interval"), c.duration("router.max_timestamp_jump"));
        Subscribers subs = new Subscribers(c.integer("router.subscriber_max_frames", 16, 1_000_000),
                c.size("router.subscriber_max_bytes"));
        return new GatewayConfig(http, log, router, subs, c.bool("metrics.enabled"),
                c.bool("rtmp.enabled") ? rtmp(c) : null, c.bool("srt.enabled") ? srt(c) : null,
                c.bool("hls.enabled") ? hls(c) : null, webrtc(c), c.bool("whep.enabled") ? whep(c) : null,
                new ServerOffer(c.bool("whep.server_offer"), c.duration("whep.server_offer_answer_timeout")),
                transcode(c), c.bool("whip.enabled") ? whip(c) : null, new Pages(c.bool("pages.enabled")));
    }

    private static WhipConfig whip(ConfigTree c) {
        return valid("whip", () -> WhipConfig.DEFAULTS
                .withLimits(WhipLimits.DEFAULTS.withMaxSessions(c.integer("whip.max_sessions", 1, 100_000)))
                .withKeyframeRequestInterval(c.duration("whip.keyframe_request_interval"))
                .withKeyframeInterval(c.duration("whip.keyframe_interval"))
                .withMediaTimeout(c.duration("whip.media_timeout"))
                .withSyncHold(c.duration("whip.sync_hold"))
                .withIceServers(list(c.string("whip.ice_servers")))
                .withAllowOrigin(c.string("http.cors_origin") == null ? "*" : c.string("http.cors_origin")));
    }

    private static WebRtcConfig webrtc(ConfigTree c) {
        List<InetAddress> advertised = addresses("webrtc.advertised_addresses", c.string("webrtc.advertised_addresses"));
        if (advertised.isEmpty()) {
            advertised = WebRtcConfig.machineAddresses();
        }
        String publicIp = c.string("webrtc.public_ip");
        List<InetAddress> publicAddress = addresses("webrtc.public_ip", publicIp);
        List<InetAddress> finalAdvertised = advertised;
        return valid("webrtc", () -> new WebRtcConfig(c.string("webrtc.host"), c.integer("webrtc.port", 0, 65535),
                c.bool("webrtc.ice_tcp"), finalAdvertised, publicAddress.isEmpty() ? null : publicAddress.get(0),
                c.duration("webrtc.consent_timeout"), c.duration("webrtc.dtls_handshake_timeout"),
                c.integer("webrtc.dtls_threads", 1, 64), WebRtcLimits.DEFAULTS));
    }

    private static WhepConfig whep(ConfigTree c) {
        return valid("whep", () -> new WhepConfig(c.integer("whep.max_sessions", 1, 1_000_000),
                c.duration("whep.keyframe_request_interval"), c.duration("whep.sender_report_interval"),
                c.integer("whep.viewer_queue_packets", 16, 1_000_000), c.integer("whep.burst_packets", 1, 10_000),
                c.integer("whep.max_payload_size", 200, 1400), c.integer("whep.gop_cache_max_packets", 1, 1_000_000),
                list(c.string("whep.ice_servers")), c.string("http.cors_origin") == null ? "*" : c.string("http.cors_origin"),
                WhepConfig.DEFAULTS.sessionPrefix(), SdpLimits.DEFAULT, false));
    }

    private static TranscodeConfig transcode(ConfigTree c) {
        Map<String, Integer> paths = new java.util.LinkedHashMap<>();
        c.map("transcode.paths").forEach((path, bitrate) -> {
            try {
                paths.put(path, Integer.parseInt(bitrate.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException("transcode.paths." + path + ": '" + bitrate + "' is not a bitrate");
            }
        });
        return valid("transcode", () -> new TranscodeConfig(c.bool("transcode.enabled"),
                c.integer("transcode.opus_bitrate", 6_000, 510_000), c.integer("transcode.complexity", 0, 10),
                c.integer("transcode.worker_threads", 1, 64), paths));
    }

    private static List<String> list(String commaSeparated) {
        List<String> out = new ArrayList<>();
        if (commaSeparated != null) {
            for (String s : commaSeparated.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private static List<InetAddress> addresses(String key, String commaSeparated) {
        List<InetAddress> out = new ArrayList<>();
        for (String s : list(commaSeparated)) {
            try {
                out.add(InetAddress.getByName(s));
            } catch (UnknownHostException e) {
                throw new ConfigException(key + ": '" + s + "' is not an address");
            }
        }
        return out;
    }

    private static RtmpConfig rtmp(ConfigTree c) {
        String cert = c.string("rtmp.tls_certificate");
        String key = c.string("rtmp.tls_private_key");
        return valid("rtmp", () -> new RtmpConfig(c.string("rtmp.host"), c.integer("rtmp.port", 0, 65535),
                c.integer("rtmp.tls_port", 0, 65535), cert == null ? null : Path.of(cert), key == null ? null : Path.of(key),
                c.duration("rtmp.idle_timeout"), RtmpLimits.DEFAULTS));
    }

    private static SrtConfig srt(ConfigTree c) {
        return valid("srt", () -> new SrtConfig(c.string("srt.host"), c.integer("srt.port", 0, 65535),
                c.duration("srt.latency"), c.string("srt.passphrase"), c.map("srt.passphrases"),
                c.integer("srt.max_sessions", 1, 100_000), c.duration("srt.idle_timeout"), SrtLimits.DEFAULTS));
    }

    private static HlsConfig hls(ConfigTree c) {
        return valid("hls", () -> new HlsConfig(c.duration("hls.segment_duration"), c.duration("hls.part_duration"),
                c.integer("hls.window", 2, 1000), c.size("hls.max_bytes_per_stream"), c.duration("hls.blocking_timeout"),
                c.bool("hls.lazy_start"), c.duration("hls.idle_timeout"), c.duration("hls.start_timeout"),
                c.duration("hls.viewer_timeout"), HlsLimits.DEFAULTS));
    }

    /** Module configs validate themselves; their complaints become config errors naming the section. */
    private static <T> T valid(String section, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(section + ": " + e.getMessage(), e);
        }
    }
}
