package io.livegate.rtc.sdp;

import io.livegate.rtc.sdp.SdpException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Line-by-line SDP reader (RFC 8866 5 grammar, with LF or CRLF line ends), bounded by {@link SdpLimits}. */
final class SdpParser {

    private SdpParser() {
    }

    static SessionDescription parse(String sdp, SdpLimits limits) {
        return parse(sdp, limits, false);
    }

    /** A trickle-ice-sdpfrag body (RFC 8840 9): session attributes and m= sections, no v=/o=/s=/t=. */
    static SdpFragment parseFragment(String sdp, SdpLimits limits) {
        SessionDescription d = parse(sdp, limits, true);
        return new SdpFragment(d.attributes(), d.media());
    }

    private static SessionDescription parse(String sdp, SdpLimits limits, boolean fragment) {
        if (sdp.length() > limits.maxBytes()) {
            throw new SdpException(Reason.TOO_LARGE, "SDP of " + sdp.length() + " characters, limit " + limits.maxBytes());
        }
        Session s = new Session();
        Media m = null;
        int lineNo = 0;
        int start = 0;
        int mediaCount = 0;
        while (start < sdp.length()) {
            int nl = sdp.indexOf('\n', start);
            int end = nl < 0 ? sdp.length() : nl;
            String line = sdp.substring(start, end > start && sdp.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            if (line.isEmpty()) {
                continue; // tolerate blank lines (a trailing one is common)
            }
            if (++lineNo > limits.maxLines()) {
                throw new SdpException(Reason.TOO_MANY, "more than " + limits.maxLines() + " lines");
            }
            if (line.length() > limits.maxLineLength()) {
                throw new SdpException(Reason.TOO_MANY, "line " + lineNo + " of " + line.length()
                        + " characters, limit " + limits.maxLineLength());
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw new SdpException(Reason.MALFORMED_LINE, "line " + lineNo + " is not <letter>=<value>");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (lineNo == 1 && !fragment) {
                if (type != 'v' || !value.equals("0")) {
                    throw new SdpException(Reason.MALFORMED_LINE, "SDP must start with v=0");
                }
                continue;
            }
            if (type == 'm') {
                if (++mediaCount > limits.maxMediaSections()) {
                    throw new SdpException(Reason.TOO_MANY, "more than " + limits.maxMediaSections() + " m= sections");
                }
                if (m != null) {
                    s.media.add(m.build());
                }
                m = Media.parse(value);
                continue;
            }
            if (m != null) {
                switch (type) {
                    case 'c' -> {
                        if (m.connection != null) {
                            throw new SdpException(Reason.MALFORMED_LINE, "second c= in a media section");
                        }
                        m.connection = value;
                    }
                    case 'b' -> m.bandwidths.add(value);
                    case 'a' -> m.attributes.add(SdpAttributeParser.parse(value));
                    case 'v', 'o', 's', 't' -> throw new SdpException(Reason.MALFORMED_LINE,
                            type + "= line inside a media section (line " + lineNo + ")");
                    default -> m.otherLines.add(line);
                }
                continue;
            }
            if (fragment && type != 'a') {
                throw new SdpException(Reason.MALFORMED_LINE, type + "= line at session level of an SDP fragment");
            }
            switch (type) {
                case 'v' -> throw new SdpException(Reason.MALFORMED_LINE, "second v= line");
                case 'o' -> {
                    if (s.origin != null) {
                        throw new SdpException(Reason.MALFORMED_LINE, "second o= line");
                    }
                    s.origin = Origin.parse(value);
                }
                case 's' -> {
                    if (s.name != null) {
                        throw new SdpException(Reason.MALFORMED_LINE, "second s= line");
                    }
                    s.name = value;
                }
                case 'c' -> {
                    if (s.connection != null) {
                        throw new SdpException(Reason.MALFORMED_LINE, "second session c= line");
                    }
                    s.connection = value;
                }
                case 'b' -> s.bandwidths.add(value);
                case 't' -> s.timings.add(value);
                case 'a' -> s.attributes.add(SdpAttributeParser.parse(value));
                default -> s.otherLines.add(line);
            }
        }
        if (lineNo == 0) {
            throw new SdpException(Reason.MALFORMED_LINE, "empty SDP");
        }
        if (fragment) {
            if (m != null) {
                s.media.add(m.build());
            }
            return new SessionDescription(0, Origin.of(0, 0), "-", null, List.of(), List.of(), List.of(), s.attributes,
                    s.media);
        }
        if (s.origin == null || s.name == null) {
            throw new SdpException(Reason.MISSING, "SDP without o= or s= line");
        }
        if (m != null) {
            s.media.add(m.build());
        }
        return new SessionDescription(0, s.origin, s.name, s.connection, s.bandwidths, s.timings, s.otherLines,
                s.attributes, s.media);
    }

    private static final class Session {
        Origin origin;
        String name;
        String connection;
        final List<String> bandwidths = new ArrayList<>();
        final List<String> timings = new ArrayList<>();
        final List<String> otherLines = new ArrayList<>();
        final List<SdpAttribute> attributes = new ArrayList<>();
        final List<MediaDescription> media = new ArrayList<>();
    }

    private static final class Media {
        String media;
        int port;
        int portCount;
        String protocol;
        List<String> formats;
        String connection;
        final List<String> bandwidths = new ArrayList<>();
        final List<String> otherLines = new ArrayList<>();
        final List<SdpAttribute> attributes = new ArrayList<>();

        static Media parse(String value) {
            String[] t = value.trim().split(" +");
            if (t.length < 3) {
                throw new SdpException(Reason.MALFORMED_LINE, "m=" + value);
            }
            Media m = new Media();
            m.media = t[0];
            String port = t[1];
            try {
                int slash = port.indexOf('/');
                if (slash >= 0) {
                    m.portCount = SdpAttributeParser.intIn(port.substring(slash + 1), 1, 65535, "m");
                    port = port.substring(0, slash);
                }
                m.port = SdpAttributeParser.intIn(port, 0, 65535, "m");
            } catch (IllegalArgumentException | SdpException e) {
                throw new SdpException(Reason.MALFORMED_LINE, "m=" + value);
            }
            m.protocol = t[2];
            m.formats = Arrays.asList(t).subList(3, t.length);
            return m;
        }

        MediaDescription build() {
            return new MediaDescription(media, port, portCount, protocol, formats, connection, bandwidths, otherLines,
                    attributes);
        }
    }
}
