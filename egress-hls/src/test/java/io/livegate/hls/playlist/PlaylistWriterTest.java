package io.livegate.hls.playlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tag rendering, checked against the forms of the rfc8216bis tag definitions and its low-latency example. */
class PlaylistWriterTest {

    @Test
    void lowLatencyMediaPlaylistInTheShapeOfTheSpecExample() {
        String text = PlaylistWriter.write(List.of(
                new Tag.Version(9),
                new Tag.TargetDuration(4),
                new Tag.ServerControl(true, 24, 0, 1.0),
                new Tag.PartInf(0.33334),
                new Tag.MediaSequence(266),
                new Tag.DiscontinuitySequence(0),
                new Tag.Map("init.mp4"),
                new Tag.ProgramDateTime(Instant.parse("2019-02-14T02:13:36.106Z")),
                new Tag.Inf(4.00008, "fileSequence266.mp4"),
                new Tag.Part(0.33334, "filePart267.0.mp4", true),
                new Tag.Part(0.33334, "filePart267.1.mp4", false),
                new Tag.PreloadHint("filePart267.2.mp4"),
                new Tag.RenditionReport("../1M/waitForMSN.php", 267, 1)));
        assertThat(text).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:9
                #EXT-X-TARGETDURATION:4
                #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=24.000,PART-HOLD-BACK=1.000
                #EXT-X-PART-INF:PART-TARGET=0.333
                #EXT-X-MEDIA-SEQUENCE:266
                #EXT-X-DISCONTINUITY-SEQUENCE:0
                #EXT-X-MAP:URI="init.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2019-02-14T02:13:36.106Z
                #EXTINF:4.00008,
                fileSequence266.mp4
                #EXT-X-PART:DURATION=0.33334,URI="filePart267.0.mp4",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.33334,URI="filePart267.1.mp4"
                #EXT-X-PRELOAD-HINT:TYPE=PART,URI="filePart267.2.mp4"
                #EXT-X-RENDITION-REPORT:URI="../1M/waitForMSN.php",LAST-MSN=267,LAST-PART=1
                """);
    }

    @Test
    void multivariantWithAnAudioRendition() {
        String text = PlaylistWriter.write(List.of(
                new Tag.IndependentSegments(),
                new Tag.Media("aac", "English", true, true, 2, "audio.m3u8"),
                new Tag.StreamInf(1_280_000, 1_000_000, "avc1.64001f,mp4a.40.2", 1280, 720, 29.97, "aac",
                        "video.m3u8")));
        assertThat(text).isEqualTo("""
                #EXTM3U
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="English",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",\
                URI="audio.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=1280000,AVERAGE-BANDWIDTH=1000000,CODECS="avc1.64001f,mp4a.40.2",\
                RESOLUTION=1280x720,FRAME-RATE=29.970,AUDIO="aac"
                video.m3u8
                """);
    }

    @Test
    void deltaUpdateEndAndDiscontinuityTags() {
        String text = PlaylistWriter.write(List.of(new Tag.Skip(12), new Tag.Discontinuity(), new Tag.EndList(),
                new Tag.RenditionReport("a.m3u8", 5, -1)));
        assertThat(text).isEqualTo("""
                #EXTM3U
                #EXT-X-SKIP:SKIPPED-SEGMENTS=12
                #EXT-X-DISCONTINUITY
                #EXT-X-ENDLIST
                #EXT-X-RENDITION-REPORT:URI="a.m3u8",LAST-MSN=5
                """);
    }

    @Test
    void decimalsNeverUseExponentsOrTheLocaleSeparator() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(PlaylistWriter.write(List.of(new Tag.Inf(1e-7, "a"), new Tag.PartInf(12345678.9))))
                    .contains("#EXTINF:0.00000,", "PART-TARGET=12345678.900");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void quotedStringsRejectQuotesAndLineBreaks() {
        assertThatThrownBy(() -> PlaylistWriter.write(List.of(new Tag.Map("a\"b"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlaylistWriter.write(List.of(new Tag.PreloadHint("a\nb"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRulesCheckerCatchesBrokenPlaylists() {
        String bad = """
                #EXTM3U
                #EXT-X-TARGETDURATION:1
                #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.300
                #EXT-X-PART-INF:PART-TARGET=0.200
                #EXT-X-MAP:URI="i.mp4"
                #EXT-X-PART:DURATION=0.25000,URI="p0.m4s"
                #EXTINF:2.00000,
                s0.m4s
                #EXT-X-MEDIA-SEQUENCE:3
                """;
        assertThat(PlaylistRules.validateMedia(bad)).hasSize(5).anyMatch(m -> m.contains("exceeds PART-TARGET"))
                .anyMatch(m -> m.contains("rounds above TARGETDURATION"))
                .anyMatch(m -> m.contains("PART-HOLD-BACK"))
                .anyMatch(m -> m.contains("sum to"))
                .anyMatch(m -> m.contains("before the first segment"));
    }
}
