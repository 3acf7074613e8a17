package io.livegate.hls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.hls.muxer.HlsResource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HlsUrlTest {

    private static HlsUrl.Result parse(String uri) {
        return HlsUrl.parse(uri, 1024);
    }

    @Test
    void namesMapToResourcesAndPathsKeepTheirSlashes() {
        assertThat(parse("/live/cam1/index.m3u8"))
                .isEqualTo(new HlsUrl.Parsed("live/cam1", new HlsResource.Multivariant(false)));
        assertThat(parse("/a/b/c/classic.m3u8"))
                .isEqualTo(new HlsUrl.Parsed("a/b/c", new HlsResource.Multivariant(true)));
        assertThat(parse("/live/x/audio_classic.m3u8"))
                .isEqualTo(new HlsUrl.Parsed("live/x", new HlsResource.MediaPlaylist("audio", true, -1, -1, false)));
        assertThat(parse("/live/x/video_abc123_init2.mp4"))
                .isEqualTo(new HlsUrl.Parsed("live/x", new HlsResource.Init("video", "abc123", 2)));
        assertThat(parse("/live/x/video_abc123_s17.m4s"))
                .isEqualTo(new HlsUrl.Parsed("live/x", new HlsResource.Segment("video", "abc123", 17)));
        assertThat(parse("/live/x/audio_abc123_p99.m4s"))
                .isEqualTo(new HlsUrl.Parsed("live/x", new HlsResource.Part("audio", "abc123", 99)));
    }

    @Test
    void deliveryDirectivesAreParsed() {
        assertThat(parse("/live/x/video.m3u8?_HLS_msn=12&_HLS_part=3&_HLS_skip=YES")).isEqualTo(new HlsUrl.Parsed(
                "live/x", new HlsResource.MediaPlaylist("video", false, 12, 3, true)));
        assertThat(parse("/live/x/video.m3u8?_HLS_msn=12")).isEqualTo(new HlsUrl.Parsed(
                "live/x", new HlsResource.MediaPlaylist("video", false, 12, -1, false)));
        assertThat(parse("/live/x/video.m3u8?_HLS_skip=v2")).isEqualTo(new HlsUrl.Parsed(
                "live/x", new HlsResource.MediaPlaylist("video", false, -1, -1, true)));
    }

    @Test
    void badDirectivesAre400() {
        assertThat(parse("/live/x/video.m3u8?_HLS_part=3")).isEqualTo(new HlsUrl.Invalid(400,
                "_HLS_part without _HLS_msn"));
        assertThat(parse("/live/x/video.m3u8?_HLS_msn=-1")).isInstanceOf(HlsUrl.Invalid.class);
        assertThat(parse("/live/x/video.m3u8?_HLS_msn=1&_HLS_part=x")).isInstanceOf(HlsUrl.Invalid.class);
        assertThat(parse("/live/x/video.m3u8?_HLS_msn=99999999999999999999")).isInstanceOf(HlsUrl.Invalid.class);
        assertThat(parse("/live/x/video.m3u8?_HLS_skip=NO")).isInstanceOf(HlsUrl.Invalid.class);
    }

    @Test
    void otherUrlsAreNotOurs() {
        assertThat(parse("/live/x/whep")).isInstanceOf(HlsUrl.NotHls.class);
        assertThat(parse("/index.m3u8")).isInstanceOf(HlsUrl.NotHls.class);
        assertThat(parse("/live/x/other.m3u8")).isInstanceOf(HlsUrl.NotHls.class);
        assertThat(parse("/live/x/video_ABC_s1.m4s")).isInstanceOf(HlsUrl.NotHls.class);
        assertThat(parse("/live/x/video_abc_s1.mp4")).isInstanceOf(HlsUrl.NotHls.class);
        assertThat(parse("/api/streams")).isInstanceOf(HlsUrl.NotHls.class);
        assertThat(parse("")).isInstanceOf(HlsUrl.NotHls.class);
    }

    @Test
    void badPathsAndLongUrisAreRefused() {
        assertThat(parse("/live/../x/index.m3u8")).isInstanceOf(HlsUrl.Invalid.class);
        assertThat(HlsUrl.parse("/live/x/index.m3u8?" + "a".repeat(2000), 1024))
                .isEqualTo(new HlsUrl.Invalid(414, "URI longer than 1024 characters"));
    }

    @Test
    void malformedEscapesAreNeverThrown() {
        assertThat(parse("/live/x/video.m3u8?_HLS_msn=%zz")).isEqualTo(new HlsUrl.Invalid(400,
                "malformed query string"));
        assertThat(parse("/live/%zz/index.m3u8")).isInstanceOf(HlsUrl.NotHls.class);
    }

    /** Any request line: a result comes back (no exception), and a parsed resource has a valid stream path. */
    @FuzzTest(maxDuration = "10s")
    void fuzzParse(byte[] data) {
        String uri = new String(data, StandardCharsets.ISO_8859_1);
        HlsUrl.Result r = HlsUrl.parse(uri, 1024);
        assertThat(r).isNotNull();
        if (r instanceof HlsUrl.Parsed p) {
            assertThat(io.livegate.router.StreamRouter.isValidPath(p.streamPath())).isTrue();
        }
    }
}
