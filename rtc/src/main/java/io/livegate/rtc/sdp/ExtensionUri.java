package io.livegate.rtc.sdp;

import java.util.Set;

/** RTP header extension URIs the gateway negotiates (RFC 8285 extmap). */
public final class ExtensionUri {

    private ExtensionUri() {
    }

    /** RFC 8843 15.2: BUNDLE demultiplexing by mid. */
    public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    /** RFC 8852: simulcast layer id. */
    public static final String RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    /** RFC 8852: the rid an RTX stream repairs. */
    public static final String REPAIRED_RID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String TRANSPORT_CC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** RFC 6464. */
    public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    /** What the gateway accepts by default. */
    public static final Set<String> DEFAULTS = Set.of(MID, RID, REPAIRED_RID, ABS_SEND_TIME, TRANSPORT_CC, AUDIO_LEVEL);
}
