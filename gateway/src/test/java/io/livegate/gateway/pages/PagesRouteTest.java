package io.livegate.gateway.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.gateway.http.HttpRequestRouter;
import io.livegate.gateway.http.HttpResponses;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagesRouteTest {

    private final PagesRoute route = new PagesRoute(PublishHints.DEFAULTS);
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new HttpRequestRouter(List.of(route), new HttpResponses("*")));

    /** A response with its body read out, so the buffer can be released at once. */
    record Answer(int status, io.netty.handler.codec.http.HttpHeaders headers, String body) {
        String header(CharSequence name) {
            return headers.get(name);
        }
    }

    @AfterEach
    void finish() {
        assertThat(channel.finish()).isFalse();
    }

    private Answer request(HttpMethod method, String uri, Map<String, String> headers) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER);
        headers.forEach((k, v) -> req.headers().add(k, v));
        channel.writeInbound(req);
        FullHttpResponse r = channel.readOutbound();
        assertThat(r).as("a response to %s %s", method, uri).isNotNull();
        try {
            return new Answer(r.status().code(), r.headers(), r.content().toString(StandardCharsets.UTF_8));
        } finally {
            r.release();
        }
    }

    private Answer get(String uri) {
        return request(HttpMethod.GET, uri, Map.of());
    }

    @Test
    void indexIsHtmlWithStrictSecurityHeaders() {
        Answer a = get("/");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
        assertThat(a.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
        assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(a.header(HttpHeaderNames.ETAG)).matches("\"[A-Za-z0-9_-]{16}\"");
        String csp = a.header(HttpHeaderNames.CONTENT_SECURITY_POLICY);
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'", "base-uri 'none'").doesNotContain("unsafe", "*", "data:", "http");
        assertThat(a.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(Integer.parseInt(a.header(HttpHeaderNames.CONTENT_LENGTH)))
                .isEqualTo(a.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(a.body()).startsWith("<!doctype html>").contains("<script type=\"module\" src=\"/pages/index.js\">");
        assertThat(get("/?refresh=1").body()).isEqualTo(a.body());
    }

    @Test
    void everyBundledFileHasItsMediaType() {
        Map<String, String> types = Map.of("html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
                "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");
        for (String name : PagesRoute.FILES) {
            Answer a = get("/pages/" + name);
            assertThat(a.status()).as(name).isEqualTo(200);
            assertThat(a.header(HttpHeaderNames.CONTENT_TYPE)).as(name)
                    .isEqualTo(types.get(name.substring(name.lastIndexOf('.') + 1)));
            assertThat(a.body()).as(name).isNotBlank();
            assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        Answer config = get("/pages/config.json");
        assertThat(config.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json; charset=utf-8");
        assertThat(config.body()).isEqualTo("{\"rtmp_port\":1935,\"rtmps_port\":1936,\"srt_port\":9000,"
                + "\"whip\":true,\"whep\":true,\"hls\":true}");
    }

    @Test
    void configShowsSwitchedOffProtocolsAsNull() {
        PagesRoute off = new PagesRoute(new PublishHints(1935, -1, -1, false, true, false));
        assertThat(new String(off.file("config.json").body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"rtmp_port\":1935,\"rtmps_port\":null,\"srt_port\":null,\"whip\":false,\"whep\":true,\"hls\":false}");
    }

    /** The CSP forbids inline script, inline style and event-handler attributes: the HTML must need none. */
    @Test
    void htmlNeedsNothingTheCspForbidsAndEveryReferenceResolves() {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern reference = Pattern.compile("(?:src|href)=\"(/pages/[^\"]+)\"");
        for (String name : List.of("index.html", "watch.html", "broadcast.html")) {
            String html = get("/pages/" + name).body();
            assertThat(inlineScript.matcher(html).find()).as("inline script in %s", name).isFalse();
            assertThat(handler.matcher(html).find()).as("event handler attribute in %s", name).isFalse();
            assertThat(html).as(name).doesNotContain("style=", "<style", "javascript:", "=\"http", "=\"//");
            Matcher m = reference.matcher(html);
            List<String> refs = new ArrayList<>();
            while (m.find()) {
                refs.add(m.group(1));
            }
            assertThat(refs).as(name).contains("/pages/style.css");
            for (String ref : refs) {
                assertThat(get(ref).status()).as("%s in %s", ref, name).isEqualTo(200);
            }
        }
        Pattern importFrom = Pattern.compile("from '\\./([^']+)'");
        for (String name : List.of("index.js", "watch.js", "broadcast.js")) {
            String js = get("/pages/" + name).body();
            Matcher m = importFrom.matcher(js);
            assertThat(m.find()).as("%s imports common.js", name).isTrue();
            do {
                assertThat(PagesRoute.FILES).as("import in %s", name).contains(m.group(1));
            } while (m.find());
            // Nothing from elsewhere: no CDN, no absolute URLs to other hosts.
            assertThat(js).as(name).doesNotContain("http://", "https://", "eval(", "innerHTML");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/watch/live/cam1", "/watch/cam1", "/watch/a.b/c_d/e-f~g", "/watch/live/cam1?token=s3cret"})
    void watchPageForAnyValidStreamPath(String uri) {
        Answer a = get(uri);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("/pages/watch.js");
        assertThat(a.header(HttpHeaderNames.CONTENT_SECURITY_POLICY)).isEqualTo(PagesRoute.CONTENT_SECURITY_POLICY);
    }

    @Test
    void broadcastPageForAValidStreamPath() {
        Answer a = get("/broadcast/live/cam1");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("/pages/broadcast.js");
        assertThat(a.header("Permissions-Policy")).contains("camera=(self)", "microphone=(self)",
                "display-capture=(self)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/watch/", "/watch//x", "/watch/live/", "/watch/../etc/passwd", "/watch/live/../x",
            "/watch/a%2Fb", "/watch/%2e%2e/x", "/watch/a%20b", "/watch/a+b", "/broadcast/", "/broadcast/..", "/broadcast/live//x",
            "/broadcast/live%00"})
    void invalidStreamPathsAreNotFound(String uri) {
        assertThat(get(uri).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/../../etc/passwd", "/pages/%2e%2e/%2e%2e/etc/passwd", "/pages/..%2f..%2fetc%2fpasswd",
            "/pages/%252e%252e%252f%252e%252e%252fetc%252fpasswd", "/pages/..\\..\\etc\\passwd", "/pages//etc/passwd",
            "/pages/%2fetc%2fpasswd", "/pages/./index.html", "/pages/index.html/", "/pages/index.html%00",
            "/pages/index.html%00.js", "/pages/INDEX.HTML", "/pages/", "/pages/nope.js", "/pages/livegate.yaml",
            "/pages/../config/livegate.yaml", "/pages/PagesRoute.class", "/pages/%c0%ae%c0%ae/etc/passwd"})
    void unknownFilesAndTraversalAttemptsAreNotFound(String uri) {
        Answer a = get(uri);
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.body()).doesNotContain("root:", "http:").isEqualTo("404 Not Found\n");
        assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void matchingEntityTagGivesNotModified() {
        Answer first = get("/pages/watch.js");
        String etag = first.header(HttpHeaderNames.ETAG);
        for (String inm : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            Answer again = request(HttpMethod.GET, "/pages/watch.js", Map.of("If-None-Match", inm));
            assertThat(again.status()).as(inm).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.header(HttpHeaderNames.ETAG)).isEqualTo(etag);
            assertThat(again.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
        }
        Answer stale = request(HttpMethod.GET, "/pages/watch.js", Map.of("If-None-Match", "\"stale\""));
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(first.body());
        assertThat(get("/pages/index.js").header(HttpHeaderNames.ETAG)).isNotEqualTo(etag);
        // One file, one tag, whichever URL serves it.
        assertThat(get("/watch/live/a").header(HttpHeaderNames.ETAG))
                .isEqualTo(get("/watch/other/b").header(HttpHeaderNames.ETAG))
                .isEqualTo(get("/pages/watch.html").header(HttpHeaderNames.ETAG));
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() {
        Answer g = get("/broadcast/live/cam1");
        Answer h = request(HttpMethod.HEAD, "/broadcast/live/cam1", Map.of());
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.body()).isEmpty();
        for (CharSequence name : List.of(HttpHeaderNames.CONTENT_TYPE, HttpHeaderNames.CONTENT_LENGTH,
                HttpHeaderNames.ETAG, HttpHeaderNames.CACHE_CONTROL, HttpHeaderNames.CONTENT_SECURITY_POLICY)) {
            assertThat(h.header(name)).as(name.toString()).isEqualTo(g.header(name)).isNotNull();
        }
        assertThat(request(HttpMethod.HEAD, "/pages/missing.css", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void otherMethodsAreNotAllowed() {
        for (HttpMethod m : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH)) {
            Answer a = request(m, "/pages/index.js", Map.of());
            assertThat(a.status()).as(m.name()).isEqualTo(405);
            assertThat(a.header(HttpHeaderNames.ALLOW)).isEqualTo("GET, HEAD");
        }
        assertThat(request(HttpMethod.POST, "/", Map.of()).status()).isEqualTo(405);
        assertThat(request(HttpMethod.DELETE, "/watch/live/cam1", Map.of()).status()).isEqualTo(405);
    }

    @Test
    void streamFolderRedirectsToItsWatchPage() {
        Answer a = get("/live/cam1/");
        assertThat(a.status()).isEqualTo(302);
        assertThat(a.header(HttpHeaderNames.LOCATION)).isEqualTo("/watch/live/cam1");
        assertThat(get("/live/cam1/?token=t").header(HttpHeaderNames.LOCATION)).isEqualTo("/watch/live/cam1?token=t");
        assertThat(get("/../x/").status()).as("not a stream path: not ours").isEqualTo(404);
        assertThat(get("/../x/").header(HttpHeaderNames.CONTENT_TYPE)).startsWith("application/json");
    }

    /**
     * Random request targets built from the pieces traversal and confusion attempts use: the route never fails, and
     * serves a file only for the URLs that name it.
     */
    @Test
    void randomTargetsOnlyEverReachTheBundledFiles() {
        String[] pieces = {"/", "/", "pages", "watch", "broadcast", "live", "cam1", "..", ".", "%2e", "%2E", "%2f",
            "%252e", "%00", "%c0%af", "\\", "index.html", "watch.js", "config.json", "etc", "passwd", "?", "#", "=", "~",
            "-", "_", ":", "//", "%", "a", "W"};
        java.util.Set<String> bodies = new java.util.HashSet<>();
        for (String f : PagesRoute.FILES) {
            bodies.add(get("/pages/" + f).body());
        }
        bodies.add(get("/pages/config.json").body());
        java.util.Random random = new java.util.Random(20261121);
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder("/");
            for (int n = random.nextInt(8); n >= 0; n--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String uri = b.toString();
            Answer a;
            try {
                a = get(uri);
            } catch (IllegalArgumentException e) {
                continue; // not a request target Netty will build (the server's decoder would not either)
            }
            String path = uri.indexOf('?') < 0 ? uri : uri.substring(0, uri.indexOf('?'));
            switch (a.status()) {
                case 200 -> {
                    assertThat(bodies).as(uri).contains(a.body());
                    assertThat(path.equals("/") || path.startsWith("/pages/") || path.startsWith("/watch/")
                            || path.startsWith("/broadcast/")).as(uri).isTrue();
                    assertThat(path).as(uri).doesNotContain("..", "%", "\\", "//");
                }
                case 302 -> assertThat(a.header(HttpHeaderNames.LOCATION)).as(uri).startsWith("/watch/")
                        .doesNotContain("..", "//");
                case 404 -> assertThat(a.body()).as(uri).doesNotContain("root:");
                default -> throw new AssertionError(uri + " -> " + a.status() + " " + a.body());
            }
        }
    }

    /** Stream URLs are the modules' (routed before this one); the route must not take them. */
    @ParameterizedTest
    @ValueSource(strings = {"/live/cam1/whep", "/live/cam1/whip", "/live/cam1/index.m3u8", "/healthz", "/metrics",
            "/api/v1/streams", "/nothing-here", "/pagesx/index.html", "/watchlive/cam1", "/whep/sessions/abc"})
    void leavesEveryOtherUrlToTheNextRoutes(String uri) {
        for (HttpMethod m : List.of(HttpMethod.GET, HttpMethod.POST)) {
            Answer a = request(m, uri, Map.of());
            // Only the router's own fallback answers: a JSON 404.
            assertThat(a.status()).as("%s %s", m, uri).isEqualTo(404);
            assertThat(a.header(HttpHeaderNames.CONTENT_TYPE)).as("%s %s", m, uri).startsWith("application/json");
        }
        assertThat(request(HttpMethod.POST, "/live/cam1/", Map.of()).header(HttpHeaderNames.CONTENT_TYPE))
                .startsWith("application/json");
    }
}
