package io.livegate.hls.playlist;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders tags as an M3U8 file: {@code #EXTM3U}, then one line per tag (two for EXTINF and EXT-X-STREAM-INF, whose
 * URI follows), LF line ends. Attribute values follow rfc8216bis 4.2: decimal-floating-point without exponent,
 * quoted strings for URIs and names, enumerated strings bare.
 */
public final class PlaylistWriter {

    private static final DateTimeFormatter PDT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private PlaylistWriter() {
    }

    public static String write(List<? extends Tag> tags) {
        StringBuilder sb = new StringBuilder(64 + tags.size() * 48);
        sb.append("#EXTM3U\n");
        for (Tag t : tags) {
            append(sb, t);
        }
        return sb.toString();
    }

    static void append(StringBuilder sb, Tag tag) {
        switch (tag) {
            case Tag.Version v -> sb.append("#EXT-X-VERSION:").append(v.version()).append('\n');
            case Tag.IndependentSegments i -> sb.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
            case Tag.TargetDuration t -> sb.append("#EXT-X-TARGETDURATION:").append(t.seconds()).append('\n');
            case Tag.MediaSequence m -> sb.append("#EXT-X-MEDIA-SEQUENCE:").append(m.number()).append('\n');
            case Tag.DiscontinuitySequence d ->
                    sb.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(d.number()).append('\n');
            case Tag.ServerControl s -> {
                sb.append("#EXT-X-SERVER-CONTROL:");
                int start = sb.length();
                if (s.canBlockReload()) {
                    sb.append("CAN-BLOCK-RELOAD=YES");
                }
                attr(sb, start, "CAN-SKIP-UNTIL", s.canSkipUntil());
                attr(sb, start, "HOLD-BACK", s.holdBack());
                attr(sb, start, "PART-HOLD-BACK", s.partHoldBack());
                sb.append('\n');
            }
            case Tag.PartInf p -> sb.append("#EXT-X-PART-INF:PART-TARGET=").append(decimal(p.partTarget(), 3))
                    .append('\n');
            case Tag.Map m -> sb.append("#EXT-X-MAP:URI=").append(quoted(m.uri())).append('\n');
            case Tag.ProgramDateTime p -> sb.append("#EXT-X-PROGRAM-DATE-TIME:").append(PDT.format(p.time()))
                    .append('\n');
            case Tag.Discontinuity d -> sb.append("#EXT-X-DISCONTINUITY\n");
            case Tag.Inf i -> sb.append("#EXTINF:").append(decimal(i.duration(), 5)).append(",\n")
                    .append(i.uri()).append('\n');
            case Tag.Part p -> {
                sb.append("#EXT-X-PART:DURATION=").append(decimal(p.duration(), 5))
                        .append(",URI=").append(quoted(p.uri()));
                if (p.independent()) {
                    sb.append(",INDEPENDENT=YES");
                }
                sb.append('\n');
            }
            case Tag.PreloadHint h -> sb.append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=").append(quoted(h.uri()))
                    .append('\n');
            case Tag.RenditionReport r -> {
                sb.append("#EXT-X-RENDITION-REPORT:URI=").append(quoted(r.uri()))
                        .append(",LAST-MSN=").append(r.lastMsn());
                if (r.lastPart() >= 0) {
                    sb.append(",LAST-PART=").append(r.lastPart());
                }
                sb.append('\n');
            }
            case Tag.Skip s -> sb.append("#EXT-X-SKIP:SKIPPED-SEGMENTS=").append(s.skippedSegments()).append('\n');
            case Tag.EndList e -> sb.append("#EXT-X-ENDLIST\n");
            case Tag.Media m -> {
                sb.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=").append(quoted(m.groupId()))
                        .append(",NAME=").append(quoted(m.name()))
                        .append(",DEFAULT=").append(m.isDefault() ? "YES" : "NO")
                        .append(",AUTOSELECT=").append(m.autoselect() ? "YES" : "NO");
                if (m.channels() > 0) {
                    sb.append(",CHANNELS=").append(quoted(Integer.toString(m.channels())));
                }
                sb.append(",URI=").append(quoted(m.uri())).append('\n');
            }
            case Tag.StreamInf s -> {
                sb.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(s.bandwidth());
                if (s.averageBandwidth() > 0) {
                    sb.append(",AVERAGE-BANDWIDTH=").append(s.averageBandwidth());
                }
                sb.append(",CODECS=").append(quoted(s.codecs()));
                if (s.width() > 0 && s.height() > 0) {
                    sb.append(",RESOLUTION=").append(s.width()).append('x').append(s.height());
                }
                if (s.frameRate() > 0) {
                    sb.append(",FRAME-RATE=").append(decimal(s.frameRate(), 3));
                }
                if (s.audioGroup() != null) {
                    sb.append(",AUDIO=").append(quoted(s.audioGroup()));
                }
                sb.append('\n').append(s.uri()).append('\n');
            }
        }
    }

    private static void attr(StringBuilder sb, int start, String name, double seconds) {
        if (seconds > 0) {
            if (sb.length() > start) {
                sb.append(',');
            }
            sb.append(name).append('=').append(decimal(seconds, 3));
        }
    }

    /** decimal-floating-point with a fixed number of fraction digits, never in exponent form. */
    static String decimal(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** quoted-string: no CR, LF or double quote may appear inside (4.2). */
    static String quoted(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\r' || c == '\n') {
                throw new IllegalArgumentException("quoted-string must not contain CR, LF or '\"': " + s);
            }
        }
        return '"' + s + '"';
    }
}
