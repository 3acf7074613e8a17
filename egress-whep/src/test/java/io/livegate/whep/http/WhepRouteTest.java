package io.livegate.whep.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WhepRouteTest {

    private static final String PREFIX = "/whep/sessions/";

    @Test
    void endpointPathsMayHoldSlashes() {
        assertThat(WhepRoute.parse("/live/cam1/whep", PREFIX)).isEqualTo(new WhepRoute(WhepRoute.Kind.ENDPOINT,
                "live/cam1"));
        assertThat(WhepRoute.parse("/a/b/c/whep?x=1", PREFIX).value()).isEqualTo("a/b/c");
        assertThat(WhepRoute.parse("/live/cam%2D1/whep", PREFIX).value()).isEqualTo("live/cam-1");
    }

    @Test
    void sessionResources() {
        assertThat(WhepRoute.parse(PREFIX + "0123abcd", PREFIX)).isEqualTo(new WhepRoute(WhepRoute.Kind.SESSION,
                "0123abcd"));
        assertThatThrownBy(() -> WhepRoute.parse(PREFIX + "../x", PREFIX)).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> WhepRoute.parse(PREFIX, PREFIX)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherUrlsAreNotOurs() {
        assertThat(WhepRoute.parse("/live/cam1/index.m3u8", PREFIX)).isNull();
        assertThat(WhepRoute.parse("/whep", PREFIX)).isNull();
        assertThat(WhepRoute.parse("/live/cam1/whip", PREFIX)).isNull();
    }

    @Test
    void badPathsAreRefused() {
        for (String uri : new String[] {"/../x/whep", "/a//b/whep", "/%zz/whep", "/a%2F/whep", "/a%0d%0a/whep",
                "/" + "x".repeat(300) + "/whep"}) {
            assertThatThrownBy(() -> WhepRoute.parse(uri, PREFIX)).as(uri).isInstanceOf(
                    IllegalArgumentException.class);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzParse(byte[] data) {
        String uri = new String(data, StandardCharsets.UTF_8);
        try {
            WhepRoute r = WhepRoute.parse(uri, PREFIX);
            if (r != null) {
                assertThat(r.value()).isNotEmpty();
                assertThat(r.value().length()).isLessThanOrEqualTo(WhepRoute.MAX_PATH_LENGTH);
            }
        } catch (IllegalArgumentException expected) {
            // the only failure allowed: a 400
        }
    }
}
