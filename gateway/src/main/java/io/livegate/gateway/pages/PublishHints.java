package io.livegate.gateway.pages;

import java.nio.charset.StandardCharsets;

/**
 * What the pages need to know about the server that a browser cannot find out itself: the ports encoders publish
 * to and which protocols are on. The host is the one the browser used. Served as {@code /pages/config.json}.
 *
 * @param rtmpPort    RTMP port, or -1 when RTMP is off
 * @param rtmpsPort   RTMPS port, or -1 when off
 * @param srtPort     SRT port, or -1 when SRT is off
 * @param whip        WHIP publishing is on (the broadcast page needs it)
 * @param whep        WHEP playback is on (otherwise the watch page plays HLS)
 * @param hls         HLS is on
 */
public record PublishHints(int rtmpPort, int rtmpsPort, int srtPort, boolean whip, boolean whep, boolean hls) {

    /** Everything on, at the documented default ports. */
    public static final PublishHints DEFAULTS = new PublishHints(1935, 1936, 9000, true, true, true);

    PageFile toFile() {
        String json = "{\"rtmp_port\":" + port(rtmpPort) + ",\"rtmps_port\":" + port(rtmpsPort) + ",\"srt_port\":"
                + port(srtPort) + ",\"whip\":" + whip + ",\"whep\":" + whep + ",\"hls\":" + hls + "}";
        return PageFile.of("config.json", PageFile.contentTypeOf("config.json"), json.getBytes(StandardCharsets.UTF_8));
    }

    private static String port(int p) {
        return p < 0 ? "null" : Integer.toString(p);
    }
}
