package io.livegate.whep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** SDP and parameter-set fixtures shared by the tests. */
public final class TestSdp {

    /** SPS starts (profile_idc, constraint flags, level): Constrained Baseline 3.0 and High 3.1. */
    public static final byte[] BASELINE_SPS = HexFormat.of().parseHex("6742c01e95a05017fcb808800000030008");
    public static final byte[] HIGH_SPS = HexFormat.of().parseHex("6764001facd9405005bb0110000003001000");
    public static final byte[] PPS = HexFormat.of().parseHex("68ce3c80");

    private TestSdp() {
    }

    /** A WHEP offer (recvonly video + audio) captured from Chromium 156, as in the rtc module's fixtures. */
    public static String chromiumOffer() throws IOException {
        try (InputStream in = TestSdp.class.getResourceAsStream("chromium156-whep-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The Chromium offer with its video section cut down to VP8 (96) and its RTX (97). */
    public static String vp8OnlyOffer() throws IOException {
        StringBuilder b = new StringBuilder();
        boolean video = false;
        for (String l : chromiumOffer().split("\r\n")) {
            if (l.startsWith("m=")) {
                video = l.startsWith("m=video");
                if (video) {
                    l = "m=video 9 UDP/TLS/RTP/SAVPF 96 97";
                }
            }
            if (video && (l.startsWith("a=rtpmap:") || l.startsWith("a=fmtp:") || l.startsWith("a=rtcp-fb:"))) {
                String pt = l.substring(l.indexOf(':') + 1).split(" ")[0];
                if (!pt.equals("96") && !pt.equals("97")) {
                    continue;
                }
            }
            b.append(l).append("\r\n");
        }
        return b.toString();
    }
}
