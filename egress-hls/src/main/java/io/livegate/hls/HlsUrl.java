package io.livegate.hls;

import io.livegate.hls.muxer.HlsNames;
import io.livegate.hls.muxer.HlsResource;
import io.livegate.router.StreamRouter;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a request URI into a stream path and an {@link HlsResource}: {@code /{path}/{file}} where the path may
 * hold slashes and the file is one of the names of {@link HlsNames}. Delivery directives are checked here
 * (rfc8216bis 6.2.5: {@code _HLS_part} needs {@code _HLS_msn}; both are decimal integers).
 */
final class HlsUrl {

    /** The outcome of parsing. */
    sealed interface Result {
    }

    /** Not an HLS URL: the gateway tries its other routes. */
    record NotHls() implements Result {
    }

    /** An HLS URL with something wrong in it. */
    record Invalid(int status, String message) implements Result {
    }

    /** A well-formed HLS request. */
    record Parsed(String streamPath, HlsResource resource) implements Result {
    }

    private static final Pattern MEDIA_PLAYLIST = Pattern.compile("(video|audio)(_classic)?\\.m3u8");
    private static final Pattern MEDIA_FILE =
            Pattern.compile("(video|audio)_([0-9a-z]{1,16})_(init|s|p)([0-9]{1,18})\\.(mp4|m4s)");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

    private HlsUrl() {
    }

    static Result parse(String uri, int maxLength) {
        if (uri == null || uri.isEmpty() || uri.charAt(0) != '/') {
            return new NotHls();
        }
        if (uri.length() > maxLength * 4) {
            return new NotHls(); // far too long to be ours; not worth decoding
        }
        QueryStringDecoder q = new QueryStringDecoder(uri);
        String full;
        try {
            full = q.path();
        } catch (IllegalArgumentException e) {
            return new NotHls(); // undecodable %-escapes: the gateway answers
        }
        int slash = full.lastIndexOf('/');
        if (slash <= 0) {
            return new NotHls();
        }
        String file = full.substring(slash + 1);
        String streamPath = full.substring(1, slash);
        HlsResource resource = resource(file);
        if (resource == null) {
            return new NotHls();
        }
        if (uri.length() > maxLength) {
            return new Invalid(414, "URI longer than " + maxLength + " characters");
        }
        if (!StreamRouter.isValidPath(streamPath)) {
            return new Invalid(404, "not a valid stream path");
        }
        return directives(new Parsed(streamPath, resource), uri);
    }

    /** The resource a file name stands for (directives not yet applied), or null. */
    private static HlsResource resource(String file) {
        if (file.equals(HlsNames.MULTIVARIANT)) {
            return new HlsResource.Multivariant(false);
        }
        if (file.equals(HlsNames.MULTIVARIANT_CLASSIC)) {
            return new HlsResource.Multivariant(true);
        }
        Matcher m = MEDIA_PLAYLIST.matcher(file);
        if (m.matches()) {
            boolean classic = m.group(2) != null;
            return new HlsResource.MediaPlaylist(m.group(1), classic, -1, -1, false);
        }
        m = MEDIA_FILE.matcher(file);
        if (!m.matches()) {
            return null;
        }
        String rendition = m.group(1);
        String gen = m.group(2);
        String kind = m.group(3);
        String ext = m.group(5);
        long n = Long.parseLong(m.group(4));
        return switch (kind) {
            case "init" -> ext.equals("mp4") && n <= Integer.MAX_VALUE
                    ? new HlsResource.Init(rendition, gen, (int) n) : null;
            case "s" -> ext.equals("m4s") ? new HlsResource.Segment(rendition, gen, n) : null;
            default -> ext.equals("m4s") ? new HlsResource.Part(rendition, gen, n) : null;
        };
    }

    /**
     * Applies the delivery directives of rfc8216bis 6.2.5 to a media playlist request; returns the resource with
     * them, or an {@link Invalid} (400) result.
     */
    private static Result directives(Parsed p, String uri) {
        if (!(p.resource() instanceof HlsResource.MediaPlaylist mp) || mp.classic()) {
            return p;
        }
        Map<String, List<String>> params;
        try {
            params = new QueryStringDecoder(uri).parameters();
        } catch (IllegalArgumentException e) {
            return new Invalid(400, "malformed query string");
        }
        String msnText = first(params, "_HLS_msn");
        String partText = first(params, "_HLS_part");
        String skipText = first(params, "_HLS_skip");
        if (partText != null && msnText == null) {
            return new Invalid(400, "_HLS_part without _HLS_msn");
        }
        if (msnText != null && !DECIMAL.matcher(msnText).matches()) {
            return new Invalid(400, "_HLS_msn is not a decimal integer: " + shorten(msnText));
        }
        if (partText != null && !DECIMAL.matcher(partText).matches()) {
            return new Invalid(400, "_HLS_part is not a decimal integer: " + shorten(partText));
        }
        if (skipText != null && !skipText.equals("YES") && !skipText.equals("v2")) {
            return new Invalid(400, "_HLS_skip must be YES or v2: " + shorten(skipText));
        }
        long msn = msnText == null ? -1 : Long.parseLong(msnText);
        long part = partText == null ? -1 : Long.parseLong(partText);
        return new Parsed(p.streamPath(), new HlsResource.MediaPlaylist(mp.rendition(), false, msn, part,
                skipText != null));
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String shorten(String s) {
        return s.length() > 32 ? s.substring(0, 32) + "..." : s;
    }
}
