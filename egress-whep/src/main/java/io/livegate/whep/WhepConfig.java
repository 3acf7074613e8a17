package io.livegate.whep;

import io.livegate.rtc.sdp.SdpLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * WHEP egress settings.
 *
 * @param maxSessions             viewers served at once; more get 503
 * @param keyframeRequestInterval a viewer's PLI/FIR reaches the publisher at most this often (per viewer)
 * @param senderReportInterval    RTCP sender report period per track (A/V sync, RTT)
 * @param viewerQueuePackets      per-viewer bound of RTP packets waiting to be sent; past it the viewer drops to
 *                                the next keyframe, the others are not slowed
 * @param burstPackets            packets sent per pacing turn (the GOP burst of a new viewer goes in turns of this
 *                                size, 1 ms apart, so the socket and the browser do not drop it)
 * @param maxPayloadSize          RTP payload bytes per packet
 * @param gopCacheMaxPackets      packetized frames kept per stream for instant start are bounded by this many
 *                                packets (older ones go; a viewer then starts at the next keyframe)
 * @param iceServers              STUN/TURN URLs announced in {@code Link: rel="ice-server"} headers
 * @param allowOrigin             {@code Access-Control-Allow-Origin} value
 * @param sessionPrefix           URL prefix of session resources (Location), ending in '/'
 * @param sdpLimits               limits for parsing offers and PATCH fragments
 * @param iceTcpOnly              announce only the ICE-TCP candidate (tests of networks that block UDP)
 */
public record WhepConfig(int maxSessions, Duration keyframeRequestInterval, Duration senderReportInterval,
                         int viewerQueuePackets, int burstPackets, int maxPayloadSize, int gopCacheMaxPackets,
                         List<String> iceServers, String allowOrigin, String sessionPrefix, SdpLimits sdpLimits,
                         boolean iceTcpOnly) {

    /** Well under the WebRTC port's 50,000 sessions; a 2-core box saturates long before. */
    public static final int DEFAULT_MAX_SESSIONS = 2000;
    /** One keyframe per second at most: a burst of PLIs from a lossy viewer must not flood the encoder. */
    public static final Duration DEFAULT_KEYFRAME_REQUEST_INTERVAL = Duration.ofSeconds(1);
    /** Chromium syncs A/V from the first SR of each track; one a second is what browsers send too. */
    public static final Duration DEFAULT_SENDER_REPORT_INTERVAL = Duration.ofSeconds(1);
    /** About 1.5 s of an 8 Mbit/s stream in 1200-byte packets. */
    public static final int DEFAULT_VIEWER_QUEUE_PACKETS = 1200;
    /** 64 packets per ms is ~600 Mbit/s: a 2 s GOP of 2.5 Mbit/s leaves in under 10 ms, in small turns. */
    public static final int DEFAULT_BURST_PACKETS = 64;
    public static final int DEFAULT_MAX_PAYLOAD_SIZE = 1200;
    /** About 4 s of an 8 Mbit/s stream, enough for a 2 s GOP with headroom. */
    public static final int DEFAULT_GOP_CACHE_MAX_PACKETS = 3000;

    public static final WhepConfig DEFAULTS = new WhepConfig(DEFAULT_MAX_SESSIONS, DEFAULT_KEYFRAME_REQUEST_INTERVAL,
            DEFAULT_SENDER_REPORT_INTERVAL, DEFAULT_VIEWER_QUEUE_PACKETS, DEFAULT_BURST_PACKETS,
            DEFAULT_MAX_PAYLOAD_SIZE, DEFAULT_GOP_CACHE_MAX_PACKETS, List.of(), "*", "/whep/sessions/",
            SdpLimits.DEFAULT, false);

    public WhepConfig {
        Objects.requireNonNull(keyframeRequestInterval, "keyframeRequestInterval");
        Objects.requireNonNull(senderReportInterval, "senderReportInterval");
        Objects.requireNonNull(allowOrigin, "allowOrigin");
        Objects.requireNonNull(sdpLimits, "sdpLimits");
        iceServers = List.copyOf(iceServers);
        if (maxSessions < 1) {
            throw new IllegalArgumentException("whep.maxSessions must be >= 1, was " + maxSessions);
        }
        if (viewerQueuePackets < 16 || burstPackets < 1) {
            throw new IllegalArgumentException("whep.viewerQueuePackets must be >= 16 and burstPackets >= 1, were "
                    + viewerQueuePackets + ", " + burstPackets);
        }
        if (maxPayloadSize < 200 || maxPayloadSize > 1400) {
            throw new IllegalArgumentException("whep.maxPayloadSize must be in 200..1400, was " + maxPayloadSize);
        }
        if (gopCacheMaxPackets < 1) {
            throw new IllegalArgumentException("whep.gopCacheMaxPackets must be >= 1, was " + gopCacheMaxPackets);
        }
        if (sessionPrefix == null || !sessionPrefix.startsWith("/") || !sessionPrefix.endsWith("/")) {
            throw new IllegalArgumentException("whep.sessionPrefix must start and end with '/', was " + sessionPrefix);
        }
        if (senderReportInterval.isNegative() || senderReportInterval.isZero()) {
            throw new IllegalArgumentException("whep.senderReportInterval must be > 0");
        }
    }

    public WhepConfig withIceServers(List<String> urls) {
        return new WhepConfig(maxSessions, keyframeRequestInterval, senderReportInterval, viewerQueuePackets,
                burstPackets, maxPayloadSize, gopCacheMaxPackets, urls, allowOrigin, sessionPrefix, sdpLimits, iceTcpOnly);
    }

    public WhepConfig withMaxSessions(int n) {
        return new WhepConfig(n, keyframeRequestInterval, senderReportInterval, viewerQueuePackets,
                burstPackets, maxPayloadSize, gopCacheMaxPackets, iceServers, allowOrigin, sessionPrefix, sdpLimits, iceTcpOnly);
    }

    public WhepConfig withTcpOnly(boolean on) {
        return new WhepConfig(maxSessions, keyframeRequestInterval, senderReportInterval, viewerQueuePackets,
                burstPackets, maxPayloadSize, gopCacheMaxPackets, iceServers, allowOrigin, sessionPrefix, sdpLimits, on);
    }
}
