package io.livegate.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.router.StreamRouter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class StreamIdTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("#!::r=live/cam1,m=publish", StreamId.Mode.PUBLISH, "live/cam1", null, null),
                Arguments.of("#!::m=publish,r=live/cam1", StreamId.Mode.PUBLISH, "live/cam1", null, null),
                Arguments.of("#!::u=alice,r=live/cam1,s=abc123,m=publish,t=stream", StreamId.Mode.PUBLISH,
                        "live/cam1", "alice", "abc123"),
                Arguments.of("#!::r=live/cam1", StreamId.Mode.PUBLISH, "live/cam1", null, null),
                Arguments.of("#!::r=live/cam1,m=request", StreamId.Mode.REQUEST, "live/cam1", null, null),
                Arguments.of("#!::r=live/cam1,m=bidirectional", StreamId.Mode.BIDIRECTIONAL, "live/cam1", null, null),
                Arguments.of("#!::r=/live/cam1,m=publish", StreamId.Mode.PUBLISH, "live/cam1", null, null),
                Arguments.of("#!::r=live/cam1,u=a\\,b\\=c\\\\d", StreamId.Mode.PUBLISH, "live/cam1", "a,b=c\\d", null),
                Arguments.of("#!::r=live/cam1,s=x=y", StreamId.Mode.PUBLISH, "live/cam1", null, "x=y"),
                Arguments.of("#!::r=live/cam1,", StreamId.Mode.PUBLISH, "live/cam1", null, null),
                Arguments.of("#!::r=live/cam1,user_x=1", StreamId.Mode.PUBLISH, "live/cam1", null, null),
                Arguments.of("publish:live/cam1", StreamId.Mode.PUBLISH, "live/cam1", null, null),
                Arguments.of("publish:live/cam1:bob:secret", StreamId.Mode.PUBLISH, "live/cam1", "bob", null),
                Arguments.of("read:live/cam1", StreamId.Mode.REQUEST, "live/cam1", null, null),
                Arguments.of("live/cam1", StreamId.Mode.PUBLISH, "live/cam1", null, null),
                Arguments.of("/live/cam1", StreamId.Mode.PUBLISH, "live/cam1", null, null),
                Arguments.of("cam1", StreamId.Mode.PUBLISH, "cam1", null, null));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parses(String raw, StreamId.Mode mode, String resource, String user, String session) throws Exception {
        StreamId id = StreamId.parse(raw);
        assertThat(id.raw()).isEqualTo(raw);
        assertThat(id.mode()).isEqualTo(mode);
        assertThat(id.resource()).isEqualTo(resource);
        assertThat(id.user()).isEqualTo(user);
        assertThat(id.session()).isEqualTo(session);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(null, StreamIdException.Reason.MISSING),
                Arguments.of("", StreamIdException.Reason.MISSING),
                Arguments.of("#!::", StreamIdException.Reason.SYNTAX),
                Arguments.of("#!::m=publish", StreamIdException.Reason.SYNTAX),
                Arguments.of("#!::r=", StreamIdException.Reason.SYNTAX),
                Arguments.of("#!::r=/", StreamIdException.Reason.SYNTAX),
                Arguments.of("#!::r", StreamIdException.Reason.SYNTAX),
                Arguments.of("#!::=x,r=a", StreamIdException.Reason.SYNTAX),
                Arguments.of("#!::r=a,,m=publish", StreamIdException.Reason.SYNTAX),
                Arguments.of("#!::r=a,r=b", StreamIdException.Reason.SYNTAX),
                Arguments.of("#!::r=a\\", StreamIdException.Reason.SYNTAX),
                Arguments.of("#!::r=a,m=play", StreamIdException.Reason.BAD_MODE),
                Arguments.of("#!::r=a,t=file", StreamIdException.Reason.UNSUPPORTED),
                Arguments.of("#!:{r=a}", StreamIdException.Reason.UNSUPPORTED),
                Arguments.of("#!x", StreamIdException.Reason.UNSUPPORTED),
                Arguments.of("publish:", StreamIdException.Reason.SYNTAX),
                Arguments.of("publish:a:b", StreamIdException.Reason.SYNTAX),
                Arguments.of("x".repeat(513), StreamIdException.Reason.TOO_LONG));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejects(String raw, StreamIdException.Reason reason) {
        assertThatThrownBy(() -> StreamId.parse(raw)).isInstanceOf(StreamIdException.class)
                .satisfies(e -> assertThat(((StreamIdException) e).reason()).isEqualTo(reason));
    }

    @Test
    void fieldsGoToThePublishHookAndPasswordsStayOutOfLogs() throws Exception {
        StreamId id = StreamId.parse("#!::r=live/a,u=bob,user_token=t1");
        assertThat(id.fields()).containsExactlyInAnyOrderEntriesOf(Map.of("r", "live/a", "u", "bob",
                "user_token", "t1"));
        StreamId mtx = StreamId.parse("publish:live/a:bob:hunter2");
        assertThat(mtx.fields()).containsEntry("pass", "hunter2");
        assertThat(mtx.redacted()).isEqualTo("publish:live/a:bob:***");
    }

    @Test
    void fieldCountIsBounded() {
        StringBuilder sb = new StringBuilder("#!::r=a");
        for (int i = 0; i < StreamId.DEFAULT_MAX_FIELDS; i++) {
            sb.append(",user_").append(i).append('=').append(i);
        }
        assertThatThrownBy(() -> StreamId.parse(sb.toString())).isInstanceOf(StreamIdException.class)
                .hasMessageContaining("more than " + StreamId.DEFAULT_MAX_FIELDS);
    }

    /** Any stream id: parses or throws {@link StreamIdException}; the resource is never empty nor starts with /. */
    @FuzzTest(maxDuration = "10s")
    void fuzzParse(byte[] data) {
        String raw = new String(data, StandardCharsets.UTF_8);
        try {
            StreamId id = StreamId.parse(raw);
            assertThat(id.resource()).isNotEmpty().doesNotStartWith("/");
            StreamRouter.isValidPath(id.resource());
        } catch (StreamIdException expected) {
            // the only failure allowed
        }
    }
}
