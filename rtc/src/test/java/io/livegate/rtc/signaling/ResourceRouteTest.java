package io.livegate.rtc.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceRouteTest {

    private static final String PREFIX = "/x/sessions/";

    @Test
    void endpointsAndSessions() {
        assertThat(ResourceRoute.parse("/a/b/x?k=1&k=2&t=3", PREFIX, "/x", true)).isEqualTo(
                new ResourceRoute(ResourceRoute.Kind.ENDPOINT, "a/b", Map.of("k", "1", "t", "3")));
        assertThat(ResourceRoute.parse("/a/b/x?k=%zz", PREFIX, "/x", false).query())
                .as("the query is not read when not asked for").isEmpty();
        assertThat(ResourceRoute.parse(PREFIX + "09af", PREFIX, "/x", true)).isEqualTo(
                new ResourceRoute(ResourceRoute.Kind.SESSION, "09af", Map.of()));
        assertThat(ResourceRoute.parse("/a/y", PREFIX, "/x", true)).isNull();
        assertThat(ResourceRoute.parse("/x", PREFIX, "/x", true)).isNull();
    }

    @Test
    void badPathsAndIdsAreRefusedBeforeDecoding() {
        for (String uri : new String[] {PREFIX + "ABC", PREFIX, PREFIX + "a".repeat(65), "/../a/x", "/%zz/x",
                "/" + "%41".repeat(ResourceRoute.MAX_PATH_LENGTH + 1) + "/x"}) {
            assertThatThrownBy(() -> ResourceRoute.parse(uri, PREFIX, "/x", true)).as(uri)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzParse(byte[] data) {
        try {
            ResourceRoute r = ResourceRoute.parse(new String(data, StandardCharsets.UTF_8), PREFIX, "/x", true);
            if (r != null) {
                assertThat(r.value()).isNotEmpty();
                assertThat(r.value().length()).isLessThanOrEqualTo(Math.max(ResourceRoute.MAX_PATH_LENGTH,
                        ResourceRoute.MAX_SESSION_ID_LENGTH));
                assertThat(r.query().size()).isLessThanOrEqualTo(ResourceRoute.MAX_QUERY_PARAMETERS);
            }
        } catch (IllegalArgumentException expected) {
            // the only failure allowed: a 400
        }
    }
}
