package io.livegate.srt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A caller's SRTO_STREAMID, parsed. Three forms are accepted:
 * <ul>
 *   <li>the SRT access-control convention {@code #!::r=live/cam1,m=publish,u=user,s=session,t=stream}: comma
 *   separated {@code key=value} pairs in any order; a backslash escapes {@code ,} {@code =} and {@code \} inside
 *   keys and values. Without {@code m=}, a caller is taken to publish (this listener only ingests; the
 *   convention's default of {@code request} would reject every encoder that leaves it out);</li>
 *   <li>the MediaMTX form {@code publish:live/cam1} or {@code read:live/cam1}, optionally followed by
 *   {@code :user:pass};</li>
 *   <li>a plain path {@code live/cam1}, which publishes.</li>
 * </ul>
 * A leading {@code /} of the resource is dropped.
 *
 * @param raw      the stream id as received
 * @param mode     what the caller wants to do
 * @param resource the stream path
 * @param user     {@code u=} (or the MediaMTX user), null when absent
 * @param session  {@code s=}, null when absent
 * @param fields   every key and value, for the publish hook (MediaMTX form: {@code user}, {@code pass})
 */
public record StreamId(String raw, Mode mode, String resource, String user, String session,
                       Map<String, String> fields) {

    /** The {@code m=} mode. */
    public enum Mode {
        PUBLISH, REQUEST, BIDIRECTIONAL
    }

    /** libsrt carries at most 512 bytes. */
    public static final int MAX_LENGTH = 512;
    /** 16: the convention defines 6 keys; a few custom {@code user_*} keys fit beside them. */
    public static final int DEFAULT_MAX_FIELDS = 16;

    private static final String KV_PREFIX = "#!::";

    public StreamId {
        fields = Map.copyOf(fields);
    }

    public static StreamId parse(String raw) throws StreamIdException {
        return parse(raw, DEFAULT_MAX_FIELDS);
    }

    public static StreamId parse(String raw, int maxFields) throws StreamIdException {
        if (raw == null || raw.isEmpty()) {
            throw new StreamIdException(StreamIdException.Reason.MISSING,
                    "no stream id: set streamid=#!::r=live/KEY,m=publish (or streamid=live/KEY)");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new StreamIdException(StreamIdException.Reason.TOO_LONG,
                    "stream id of " + raw.length() + " characters exceeds " + MAX_LENGTH);
        }
        if (raw.startsWith(KV_PREFIX)) {
            return parseKeyValue(raw, maxFields);
        }
        if (raw.startsWith("#!")) {
            throw new StreamIdException(StreamIdException.Reason.UNSUPPORTED,
                    "only the '#!::key=value,...' stream id syntax is supported");
        }
        if (raw.startsWith("publish:") || raw.startsWith("read:")) {
            return parseMediaMtx(raw);
        }
        return new StreamId(raw, Mode.PUBLISH, resource(raw), null, null, Map.of());
    }

    private static StreamId parseKeyValue(String raw, int maxFields) throws StreamIdException {
        Map<String, String> fields = new LinkedHashMap<>();
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        boolean inValue = false;
        int n = raw.length();
        for (int i = KV_PREFIX.length(); i <= n; i++) {
            char c = i < n ? raw.charAt(i) : ',';
            if (c == '\\' && i < n) {
                if (i + 1 >= n) {
                    throw syntax("dangling '\\' at the end");
                }
                (inValue ? value : key).append(raw.charAt(++i));
                continue;
            }
            if (c == ',') {
                if (i == n && key.isEmpty() && !inValue) {
                    break; // end of input after a trailing comma, or "#!::" alone (caught below as missing r=)
                }
                if (!inValue || key.isEmpty()) {
                    throw syntax("expected key=value at character " + i);
                }
                String k = key.toString();
                if (fields.containsKey(k)) {
                    throw syntax("key '" + k + "' given twice");
                }
                if (fields.size() == maxFields) {
                    throw new StreamIdException(StreamIdException.Reason.TOO_LONG,
                            "stream id has more than " + maxFields + " fields");
                }
                fields.put(k, value.toString());
                key.setLength(0);
                value.setLength(0);
                inValue = false;
            } else if (c == '=' && !inValue) {
                inValue = true;
            } else {
                (inValue ? value : key).append(c);
            }
        }
        String t = fields.get("t");
        if (t != null && !t.equals("stream")) {
            throw new StreamIdException(StreamIdException.Reason.UNSUPPORTED,
                    "stream id type t=" + t + " is not supported (only t=stream)");
        }
        String m = fields.get("m");
        Mode mode;
        if (m == null || m.equals("publish")) {
            mode = Mode.PUBLISH;
        } else if (m.equals("request")) {
            mode = Mode.REQUEST;
        } else if (m.equals("bidirectional")) {
            mode = Mode.BIDIRECTIONAL;
        } else {
            throw new StreamIdException(StreamIdException.Reason.BAD_MODE,
                    "stream id mode m=" + m + " is not one of publish, request, bidirectional");
        }
        String r = fields.get("r");
        if (r == null || r.isEmpty()) {
            throw syntax("stream id has no resource (r=live/KEY)");
        }
        return new StreamId(raw, mode, resource(r), fields.get("u"), fields.get("s"), fields);
    }

    private static StreamId parseMediaMtx(String raw) throws StreamIdException {
        String[] parts = raw.split(":", -1);
        if (parts.length != 2 && parts.length != 4) {
            throw syntax("expected publish:PATH or publish:PATH:USER:PASS");
        }
        if (parts[1].isEmpty()) {
            throw syntax("empty path in '" + parts[0] + ":'");
        }
        Mode mode = parts[0].equals("publish") ? Mode.PUBLISH : Mode.REQUEST;
        Map<String, String> fields = new LinkedHashMap<>();
        String user = null;
        if (parts.length == 4) {
            user = parts[2];
            fields.put("user", parts[2]);
            fields.put("pass", parts[3]);
        }
        return new StreamId(raw, mode, resource(parts[1]), user, null, fields);
    }

    private static String resource(String r) throws StreamIdException {
        String s = r;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw syntax("empty stream path");
        }
        return s;
    }

    private static StreamIdException syntax(String message) {
        return new StreamIdException(StreamIdException.Reason.SYNTAX, message);
    }

    /** The stream id without a {@code pass} field, for logs. */
    public String redacted() {
        if (fields.containsKey("pass")) {
            return raw.substring(0, raw.lastIndexOf(':') + 1) + "***";
        }
        return raw;
    }
}
