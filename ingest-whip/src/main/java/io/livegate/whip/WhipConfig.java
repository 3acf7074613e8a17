package io.livegate.whip;

import io.livegate.rtc.sdp.SdpLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * WHIP ingest settings.
 *
 * @param limits                  bounds on sessions, tracks, SSRCs and held frames
 * @param keyframeRequestInterval PLI/FIR go to a publisher at most this often per track (start, loss, viewers)
 * @param keyframeInterval        a publisher that sent no keyframe for this long is asked for one (WebRTC encoders
 *                                send keyframes only when asked; HLS segments and new viewers need them); zero: never
 * @param mediaTimeout            a connected publisher that sends no RTP for this long is closed
 * @param syncHold                at start, frames wait up to this long for every track's first RTCP sender report,
 *                                so audio and video share one timeline from the first frame (then: arrival time)
 * @param iceServers              STUN/TURN URLs announced in {@code Link: rel="ice-server"} headers
 * @param allowOrigin             {@code Access-Control-Allow-Origin} value
 * @param sessionPrefix           URL prefix of session resources (Location), starting and ending in '/'
 * @param sdpLimits               limits for parsing offers and PATCH fragments
 */
public record WhipConfig(WhipLimits limits, Duration keyframeRequestInterval, Duration keyframeInterval,
                         Duration mediaTimeout, Duration syncHold, List<String> iceServers, String allowOrigin,
                         String sessionPrefix,
                         SdpLimits sdpLimits) {

    /** Chromium answers a PLI within a frame or two; twice a second bounds encoder load from lossy links. */
    public static final Duration DEFAULT_KEYFRAME_REQUEST_INTERVAL = Duration.ofMillis(500);
    /**
     * Chromium's encoders send a keyframe only at start and on request, so without this a stream has one GOP: HLS
     * cuts segments at keyframes (segment_duration 1 s) and new viewers start at one. 2 s is the usual live GOP.
     */
    public static final Duration DEFAULT_KEYFRAME_INTERVAL = Duration.ofSeconds(2);
    /** Browsers send audio every 20 ms even when muted (silence), and OBS sends constantly: 10 s of nothing is gone. */
    public static final Duration DEFAULT_MEDIA_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Chromium 156 sends video's first sender report within 1 s but audio's only after about 2 s; holding the start
     * for 1 s keeps the stream's start quick, and the audio anchored by arrival was measured 11 ms off its later
     * report on loopback (WhipChromiumE2eTest log). 2.5 s makes both report-anchored.
     */
    public static final Duration DEFAULT_SYNC_HOLD = Duration.ofSeconds(1);

    public static final WhipConfig DEFAULTS = new WhipConfig(WhipLimits.DEFAULTS, DEFAULT_KEYFRAME_REQUEST_INTERVAL,
            DEFAULT_KEYFRAME_INTERVAL, DEFAULT_MEDIA_TIMEOUT, DEFAULT_SYNC_HOLD, List.of(), "*", "/whip/sessions/",
            SdpLimits.DEFAULT);

    public WhipConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(allowOrigin, "allowOrigin");
        Objects.requireNonNull(sdpLimits, "sdpLimits");
        iceServers = List.copyOf(iceServers);
        if (keyframeRequestInterval.isNegative() || keyframeRequestInterval.isZero()) {
            throw new IllegalArgumentException("whip.keyframe_request_interval must be > 0, was "
                    + keyframeRequestInterval);
        }
        if (keyframeInterval.isNegative()) {
            throw new IllegalArgumentException("whip.keyframe_interval must be >= 0, was " + keyframeInterval);
        }
        if (mediaTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("whip.media_timeout must be >= 1 s, was " + mediaTimeout);
        }
        if (syncHold.isNegative() || syncHold.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("whip.sync_hold must be in 0..10 s, was " + syncHold);
        }
        if (sessionPrefix == null || !sessionPrefix.startsWith("/") || !sessionPrefix.endsWith("/")
                || sessionPrefix.length() < 2) {
            throw new IllegalArgumentException("whip session prefix must start and end with '/', was "
                    + sessionPrefix);
        }
    }

    public WhipConfig withLimits(WhipLimits l) {
        return new WhipConfig(l, keyframeRequestInterval, keyframeInterval, mediaTimeout, syncHold, iceServers,
                allowOrigin, sessionPrefix, sdpLimits);
    }

    public WhipConfig withKeyframeRequestInterval(Duration d) {
        return new WhipConfig(limits, d, keyframeInterval, mediaTimeout, syncHold, iceServers, allowOrigin,
                sessionPrefix, sdpLimits);
    }

    public WhipConfig withKeyframeInterval(Duration d) {
        return new WhipConfig(limits, keyframeRequestInterval, d, mediaTimeout, syncHold, iceServers, allowOrigin,
                sessionPrefix, sdpLimits);
    }

    public WhipConfig withMediaTimeout(Duration d) {
        return new WhipConfig(limits, keyframeRequestInterval, keyframeInterval, d, syncHold, iceServers,
                allowOrigin, sessionPrefix, sdpLimits);
    }

    public WhipConfig withSyncHold(Duration d) {
        return new WhipConfig(limits, keyframeRequestInterval, keyframeInterval, mediaTimeout, d, iceServers,
                allowOrigin, sessionPrefix, sdpLimits);
    }

    public WhipConfig withIceServers(List<String> urls) {
        return new WhipConfig(limits, keyframeRequestInterval, keyframeInterval, mediaTimeout, syncHold, urls,
                allowOrigin, sessionPrefix, sdpLimits);
    }

    public WhipConfig withAllowOrigin(String origin) {
        return new WhipConfig(limits, keyframeRequestInterval, keyframeInterval, mediaTimeout, syncHold, iceServers,
                origin, sessionPrefix, sdpLimits);
    }
}
