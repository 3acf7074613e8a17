package io.livegate.gateway.pages;

import io.livegate.gateway.http.HttpRoute;
import io.livegate.router.StreamRouter;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the built-in pages: {@code GET /} (index), {@code /watch/PATH}, {@code /broadcast/PATH}, the files under
 * {@code /pages/}, and {@code /PATH/} as a redirect to the watch page. GET and HEAD only; other methods get 405.
 * Every other URL is left to the routes after this one, so add it last.
 *
 * <p>Nothing is read from disk per request: the files are loaded once, and a request names a file only by an exact
 * match in that table. Stream paths in page URLs must already be in core-router's path alphabet, which needs no
 * percent-encoding, so no decoding happens at all and {@code ..}, {@code %2e} and friends simply match nothing.
 */
public final class PagesRoute implements HttpRoute {

    /** Only this origin's own files; no inline script or style, no plugins, no framing, no foreign base URL. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    static final String PAGES = "/pages/";
    static final String WATCH = "/watch/";
    static final String BROADCAST = "/broadcast/";

    /** The bundled files, by name under {@code /pages/}. */
    static final List<String> FILES = List.of("index.html", "watch.html", "broadcast.html", "style.css", "common.js",
            "index.js", "watch.js", "broadcast.js", "icon.svg");

    private final Map<String, PageFile> files = new LinkedHashMap<>();

    /** @param hints the ports and protocols the index and broadcast pages show */
    public PagesRoute(PublishHints hints) {
        for (String name : FILES) {
            files.put(name, PageFile.resource(name));
        }
        PageFile config = hints.toFile();
        files.put(config.name(), config);
    }

    /** The file served as {@code /pages/name}, or null. */
    PageFile file(String name) {
        return files.get(name);
    }

    @Override
    public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        PageFile file;
        if (path.equals("/")) {
            file = files.get("index.html");
        } else if (path.startsWith(PAGES)) {
            file = files.get(path.substring(PAGES.length()));
        } else if (path.startsWith(WATCH)) {
            file = StreamRouter.isValidPath(path.substring(WATCH.length())) ? files.get("watch.html") : null;
        } else if (path.startsWith(BROADCAST)) {
            file = StreamRouter.isValidPath(path.substring(BROADCAST.length())) ? files.get("broadcast.html") : null;
        } else if (path.length() > 2 && path.endsWith("/") && isRead(request.method())
                && StreamRouter.isValidPath(path.substring(1, path.length() - 1))) {
            // DESIGN.md's page URL for a stream, http://HOST:8080/live/cam1/, leads to its watch page.
            String location = WATCH + path.substring(1, path.length() - 1) + (q < 0 ? "" : uri.substring(q));
            send(ctx, request, HttpResponseStatus.FOUND, null, h -> h.set(HttpHeaderNames.LOCATION, location));
            return true;
        } else {
            return false;
        }
        if (!isRead(request.method())) {
            send(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, null,
                    h -> h.set(HttpHeaderNames.ALLOW, "GET, HEAD"));
        } else if (file == null) {
            send(ctx, request, HttpResponseStatus.NOT_FOUND, null, h -> { });
        } else if (notModified(request.headers().getAll(HttpHeaderNames.IF_NONE_MATCH), file.etag())) {
            send(ctx, request, HttpResponseStatus.NOT_MODIFIED, null, h -> h.set(HttpHeaderNames.ETAG, file.etag()));
        } else {
            send(ctx, request, HttpResponseStatus.OK, file, h -> h.set(HttpHeaderNames.ETAG, file.etag()));
        }
        return true;
    }

    private static boolean isRead(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    }

    /** RFC 9110 13.1.2: weak comparison, {@code *} matches any current representation. */
    static boolean notModified(List<String> ifNoneMatch, String etag) {
        for (String header : ifNoneMatch) {
            for (String tag : header.split(",")) {
                String t = tag.trim();
                if (t.startsWith("W/")) {
                    t = t.substring(2);
                }
                if (t.equals("*") || t.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    private interface HeaderSetter {
        void set(HttpHeaders headers);
    }

    /** A response with the security headers every page answer carries; {@code file} null means no body. */
    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                             PageFile file, HeaderSetter extra) {
        byte[] body;
        String type;
        if (file != null) {
            body = file.body();
            type = file.contentType();
        } else if (status.code() >= 400) {
            body = (status.code() + " " + status.reasonPhrase() + "\n").getBytes(StandardCharsets.UTF_8);
            type = "text/plain; charset=utf-8";
        } else {
            body = new byte[0];
            type = null;
        }
        boolean head = HttpMethod.HEAD.equals(request.method());
        boolean bodyless = head || status.equals(HttpResponseStatus.NOT_MODIFIED);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                bodyless ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        HttpHeaders h = r.headers();
        if (type != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, type);
        }
        if (!status.equals(HttpResponseStatus.NOT_MODIFIED)) {
            // HEAD announces the length a GET would get (RFC 9110 9.3.2).
            HttpUtil.setContentLength(r, body.length);
        }
        // Revalidate every time (a 304 is cheap): a server upgrade then never pairs new HTML with old scripts.
        h.set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        h.set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        h.set("X-Content-Type-Options", "nosniff");
        // Watch links may carry ?token=: never hand them to anyone else.
        h.set("Referrer-Policy", "no-referrer");
        h.set("Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self)");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        extra.set(h);
        HttpUtil.setKeepAlive(r, HttpUtil.isKeepAlive(request));
        ctx.writeAndFlush(r);
    }
}
