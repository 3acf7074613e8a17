package io.livegate.whip.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhipRouteTest {

    private static final String PREFIX = "/whip/sessions/";

    @Test
    void endpointPathsMayHoldSlashesAndCarryQueryParameters() {
        assertThat(WhipRoute.parse("/live/cam1/whip", PREFIX)).isEqualTo(new WhipRoute(WhipRoute.Kind.ENDPOINT,
                "live/cam1", Map.of()));
        WhipRoute r = WhipRoute.parse("/a/b/c/whip?key=k1&x=1&x=2", PREFIX);
        assertThat(r.value()).isEqualTo("a/b/c");
        assertThat(r.query()).isEqualTo(Map.of("key", "k1", "x", "1"));
        assertThat(WhipRoute.parse("/live/cam%2D1/whip", PREFIX).value()).isEqualTo("live/cam-1");
    }

    @Test
    void sessionResources() {
        assertThat(WhipRoute.parse(PREFIX + "0123abcd", PREFIX)).isEqualTo(new WhipRoute(WhipRoute.Kind.SESSION,
                "0123abcd", Map.of()));
        assertThatThrownBy(() -> WhipRoute.parse(PREFIX + "../x", PREFIX))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhipRoute.parse(PREFIX, PREFIX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhipRoute.parse(PREFIX + "a".repeat(65), PREFIX))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherUrlsAreNotOurs() {
        assertThat(WhipRoute.parse("/live/cam1/index.m3u8", PREFIX)).isNull();
        assertThat(WhipRoute.parse("/whip", PREFIX)).isNull();
        assertThat(WhipRoute.parse("/live/cam1/whep", PREFIX)).isNull();
        assertThat(WhipRoute.parse("/whep/sessions/0123", PREFIX)).isNull();
    }

    @Test
    void badPathsAreRefused() {
        for (String uri : new String[] {"/../x/whip", "/a//b/whip", "/%zz/whip", "/a%2F/whip", "/a%0d%0a/whip",
                "/" + "x".repeat(300) + "/whip"}) {
            assertThatThrownBy(() -> WhipRoute.parse(uri, PREFIX)).as(uri)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void queryParametersAreBounded() {
        StringBuilder q = new StringBuilder("/live/a/whip?");
        for (int i = 0; i < 100; i++) {
            q.append("k").append(i).append("=v&");
        }
        assertThat(WhipRoute.parse(q.toString(), PREFIX).query()).hasSizeLessThanOrEqualTo(
                WhipRoute.MAX_QUERY_PARAMETERS);
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzParse(byte[] data) {
        String uri = new String(data, StandardCharsets.UTF_8);
        try {
            WhipRoute r = WhipRoute.parse(uri, PREFIX);
            if (r != null) {
                assertThat(r.value()).isNotEmpty();
                assertThat(r.value().length()).isLessThanOrEqualTo(WhipRoute.MAX_PATH_LENGTH);
                assertThat(r.query().size()).isLessThanOrEqualTo(WhipRoute.MAX_QUERY_PARAMETERS);
            }
        } catch (IllegalArgumentException expected) {
            // the only failure allowed: a 400
        }
    }
}
