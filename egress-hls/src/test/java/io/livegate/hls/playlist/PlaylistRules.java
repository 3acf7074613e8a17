package io.livegate.hls.playlist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a media playlist against the rules of rfc8216bis that a server must keep (section numbers in the
 * messages). Returns the violations; an empty list is a valid playlist.
 */
public final class PlaylistRules {

    private static final Pattern ATTR = Pattern.compile("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)");

    private PlaylistRules() {
    }

    static Map<String, String> attributes(String list) {
        Map<String, String> out = new TreeMap<>();
        Matcher m = ATTR.matcher(list);
        while (m.find()) {
            String v = m.group(2);
            out.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
        }
        return out;
    }

    public static List<String> validateMedia(String text) {
        List<String> v = new ArrayList<>();
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals("#EXTM3U")) {
            v.add("4.4.1.1: first line must be #EXTM3U");
        }
        int version = 1;
        int target = -1;
        double partTarget = -1;
        double partHoldBack = -1;
        double skipUntil = -1;
        boolean seenSegment = false;
        boolean seenMap = false;
        boolean seenSkip = false;
        int hints = 0;
        Set<String> uris = new HashSet<>();
        List<double[]> currentParts = new ArrayList<>(); // {duration, independent}
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("#EXT-X-VERSION:")) {
                version = Integer.parseInt(l.substring(15));
            } else if (l.startsWith("#EXT-X-TARGETDURATION:")) {
                if (target >= 0) {
                    v.add("4.4.3.1: EXT-X-TARGETDURATION twice");
                }
                target = Integer.parseInt(l.substring(22));
            } else if (l.startsWith("#EXT-X-PART-INF:")) {
                partTarget = Double.parseDouble(attributes(l.substring(16)).get("PART-TARGET"));
            } else if (l.startsWith("#EXT-X-SERVER-CONTROL:")) {
                Map<String, String> a = attributes(l.substring(22));
                partHoldBack = Double.parseDouble(a.getOrDefault("PART-HOLD-BACK", "-1"));
                skipUntil = Double.parseDouble(a.getOrDefault("CAN-SKIP-UNTIL", "-1"));
            } else if (l.startsWith("#EXT-X-MEDIA-SEQUENCE:") || l.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE:")) {
                if (seenSegment || seenSkip) {
                    v.add("4.4.3.2/4.4.3.3: " + l + " must come before the first segment and EXT-X-SKIP");
                }
            } else if (l.startsWith("#EXT-X-SKIP:")) {
                seenSkip = true;
                if (version < 9) {
                    v.add("4.4.5.2/7: EXT-X-SKIP needs EXT-X-VERSION 9 or more");
                }
                if (skipUntil <= 0) {
                    v.add("4.4.5.2: EXT-X-SKIP without CAN-SKIP-UNTIL");
                }
            } else if (l.startsWith("#EXT-X-MAP:")) {
                seenMap = true;
            } else if (l.startsWith("#EXT-X-PART:")) {
                Map<String, String> a = attributes(l.substring(12));
                double d = Double.parseDouble(a.get("DURATION"));
                if (partTarget < 0) {
                    v.add("4.4.3.7: EXT-X-PART without EXT-X-PART-INF");
                } else if (d > partTarget + 1e-9) {
                    v.add("4.4.4.9: part " + a.get("URI") + " of " + d + " s exceeds PART-TARGET " + partTarget);
                }
                if (!seenMap) {
                    v.add("4.4.4.5: part before EXT-X-MAP");
                }
                if (!uris.add(a.get("URI"))) {
                    v.add("part URI repeated: " + a.get("URI"));
                }
                currentParts.add(new double[] {d, "YES".equals(a.get("INDEPENDENT")) ? 1 : 0});
            } else if (l.startsWith("#EXTINF:")) {
                double d = Double.parseDouble(l.substring(8, l.indexOf(',')));
                String uri = i + 1 < lines.length ? lines[i + 1] : "";
                if (target < 0) {
                    v.add("4.4.3.1: EXTINF before EXT-X-TARGETDURATION");
                } else if (Math.round(d) > target) {
                    v.add("4.4.3.1: EXTINF " + d + " rounds above TARGETDURATION " + target);
                }
                if (!seenMap) {
                    v.add("4.4.4.5: segment before EXT-X-MAP");
                }
                if (!uris.add(uri)) {
                    v.add("segment URI repeated: " + uri);
                }
                if (!currentParts.isEmpty()) {
                    double sum = 0;
                    for (int k = 0; k < currentParts.size(); k++) {
                        double[] p = currentParts.get(k);
                        sum += p[0];
                        boolean last = k == currentParts.size() - 1;
                        if (!last && p[1] == 0 && p[0] < 0.85 * partTarget - 1e-9) {
                            v.add("4.4.4.9: part of " + p[0] + " s under 85% of PART-TARGET " + partTarget);
                        }
                    }
                    if (Math.abs(sum - d) > 0.001 * currentParts.size() + 1e-6) {
                        v.add("4.4.4.9: parts of " + uri + " sum to " + sum + " s, EXTINF says " + d);
                    }
                }
                currentParts.clear();
                seenSegment = true;
            } else if (l.startsWith("#EXT-X-PRELOAD-HINT:")) {
                hints++;
                Map<String, String> a = attributes(l.substring(20));
                if (!"PART".equals(a.get("TYPE")) && !"MAP".equals(a.get("TYPE"))) {
                    v.add("4.4.5.3: PRELOAD-HINT TYPE must be PART or MAP");
                }
            } else if (l.startsWith("#EXT-X-RENDITION-REPORT:")) {
                if (!attributes(l.substring(24)).containsKey("LAST-MSN")) {
                    v.add("4.4.5.4: RENDITION-REPORT without LAST-MSN");
                }
            }
        }
        if (target < 0) {
            v.add("4.4.3.1: EXT-X-TARGETDURATION is required");
        }
        if (partTarget > 0) {
            if (partHoldBack < 2 * partTarget) {
                v.add("4.4.3.8: PART-HOLD-BACK " + partHoldBack + " must be at least twice PART-TARGET " + partTarget);
            }
            if (version < 9 && seenSkip) {
                v.add("7: version too low");
            }
        }
        if (skipUntil > 0 && skipUntil < 6 * target) {
            v.add("4.4.3.8: CAN-SKIP-UNTIL " + skipUntil + " must be at least six target durations");
        }
        if (hints > 1) {
            v.add("4.4.5.3: more than one PRELOAD-HINT of a type");
        }
        return v;
    }
}
