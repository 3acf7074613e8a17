package io.livegate.rtc.sdp;

/** The o= line (RFC 8866 5.2). Ids are kept as text: browsers use the full unsigned 64-bit range. */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
                     String address) {

    /** o=- &lt;id&gt; &lt;version&gt; IN IP4 127.0.0.1, as WebRTC endpoints write it (RFC 8829 5.2.1). */
    public static Origin of(long sessionId, long sessionVersion) {
        return new Origin("-", Long.toUnsignedString(sessionId), Long.toUnsignedString(sessionVersion), "IN", "IP4",
                "127.0.0.1");
    }

    String value() {
        return String.join(" ", username, sessionId, sessionVersion, netType, addrType, address);
    }

    static Origin parse(String value) {
        String[] t = value.trim().split(" +");
        if (t.length != 6) {
            throw new SdpException(SdpException.Reason.MALFORMED_LINE, "o=" + value);
        }
        return new Origin(t[0], t[1], t[2], t[3], t[4], t[5]);
    }
}
