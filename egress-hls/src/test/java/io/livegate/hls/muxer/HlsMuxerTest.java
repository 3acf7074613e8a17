package io.livegate.hls.muxer;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.hls.fmp4.BoxReaderAccess;
import io.livegate.hls.playlist.PlaylistRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HlsMuxerTest {

    private MuxerHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private MuxerHarness harness(Duration timeout, int maxParked, int window, boolean video, boolean audio) {
        h = new MuxerHarness(MuxerHarness.config(timeout, maxParked, window), 30, video, audio);
        return h;
    }

    private static long count(String text, String needle) {
        return text.lines().filter(l -> l.startsWith(needle)).count();
    }

    private static long lastInt(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long v = -1;
        while (m.find()) {
            v = Long.parseLong(m.group(1));
        }
        return v;
    }

    @Test
    void videoAndAudioPlaylistsAdvanceTogetherAndFollowTheRules() throws Exception {
        harness(Duration.ofSeconds(2), 100, 7, true, true);
        h.pushUntil(3.1);
        String video = h.playlist("video");
        String audio = h.playlist("audio");
        assertThat(PlaylistRules.validateMedia(video)).isEmpty();
        assertThat(PlaylistRules.validateMedia(audio)).isEmpty();
        assertThat(count(video, "#EXTINF:1.00000,")).isEqualTo(3);
        assertThat(count(audio, "#EXTINF:")).isEqualTo(3);
        assertThat(video).contains("#EXT-X-TARGETDURATION:1\n", "#EXT-X-PART-INF:PART-TARGET=0.200\n",
                "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=6.000,PART-HOLD-BACK=0.664\n",
                "#EXT-X-RENDITION-REPORT:URI=\"audio.m3u8\",LAST-MSN=2,LAST-PART=4\n");
        // Parts of 200 ms, the first of each segment independent.
        assertThat(count(video, "#EXT-X-PART:DURATION=0.20000,")).isEqualTo(15);
        assertThat(count(video, "#EXT-X-PART:DURATION=0.20000,URI=\"video_" + h.muxer.generation() + "_p0.m4s\","
                + "INDEPENDENT=YES")).isEqualTo(1);
        assertThat(video).contains("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"video_" + h.muxer.generation() + "_p15.m4s\"");
        // Audio parts end at the video boundaries: at most one AAC frame (21.3 ms) longer.
        assertThat(audio).contains("#EXT-X-PART-INF:PART-TARGET=0.222\n");
        assertThat(lastInt(audio, "_s(\\d+)\\.m4s")).isEqualTo(2);
    }

    @Test
    void classicPlaylistHasNoLowLatencyTags() throws Exception {
        harness(Duration.ofSeconds(2), 100, 7, true, true);
        h.pushUntil(2.5);
        String classic = h.request(new HlsResource.MediaPlaylist("video", true, -1, -1, false)).text();
        assertThat(PlaylistRules.validateMedia(classic)).isEmpty();
        assertThat(classic).contains("#EXT-X-VERSION:6", "#EXTINF:1.00000,")
                .doesNotContain("#EXT-X-PART", "PRELOAD-HINT", "SERVER-CONTROL", "RENDITION-REPORT");
    }

    @Test
    void segmentsArePartsBackToBackAndParseAsFragments() throws Exception {
        harness(Duration.ofSeconds(2), 100, 7, true, true);
        h.pushUntil(2.1);
        HlsReply seg = h.request(new HlsResource.Segment("video", h.muxer.generation(), 0)).get();
        assertThat(seg.status()).isEqualTo(200);
        assertThat(seg.body()).hasSize(5);
        assertThat(seg.cacheControl()).contains("immutable");
        List<String> types = new ArrayList<>();
        for (byte[] chunk : seg.body()) {
            types.addAll(BoxReaderAccess.types(chunk));
        }
        assertThat(types).containsExactly("moof", "mdat", "moof", "mdat", "moof", "mdat", "moof", "mdat", "moof",
                "mdat");
        HlsReply init = h.request(new HlsResource.Init("audio", h.muxer.generation(), 0)).get();
        assertThat(init.status()).isEqualTo(200);
        assertThat(init.contentType()).isEqualTo("audio/mp4");
    }

    @Test
    void blockingReloadParksUntilThePartLands() throws Exception {
        harness(Duration.ofSeconds(5), 100, 7, true, true);
        h.pushUntil(1.5); // segment 0 complete, segment 1 has parts 0 and 1
        String now = h.playlist("video");
        assertThat(now).contains("_p6.m4s\"\n").contains("PRELOAD-HINT:TYPE=PART,URI=\"video_" + h.muxer.generation()
                + "_p7.m4s\"").doesNotContain("#EXT-X-PART:DURATION=0.20000,URI=\"video_" + h.muxer.generation() + "_p7");
        MuxerHarness.Request r = h.request(new HlsResource.MediaPlaylist("video", false, 1, 2, false));
        MuxerHarness.Request hinted = h.request(new HlsResource.Part("video", h.muxer.generation(), 7));
        Thread.sleep(100);
        assertThat(r.answered()).isFalse();
        assertThat(hinted.answered()).isFalse();
        assertThat(h.call(h.muxer::parkedRequests)).isEqualTo(2);
        h.pushUntil(1.7);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("_p7.m4s");
        assertThat(r.get().cacheControl()).startsWith("public, max-age=");
        assertThat(hinted.status()).isEqualTo(200);
        assertThat(BoxReaderAccess.types(hinted.get().body().get(0))).containsExactly("moof", "mdat");
        assertThat(h.call(h.muxer::parkedRequests)).isZero();
    }

    @Test
    void blockingReloadOnAWholeSegmentWaitsForItsEnd() throws Exception {
        harness(Duration.ofSeconds(5), 100, 7, true, true);
        h.pushUntil(1.5);
        MuxerHarness.Request r = h.request(new HlsResource.MediaPlaylist("video", false, 1, -1, false));
        h.pushUntil(1.9);
        Thread.sleep(50);
        assertThat(r.answered()).isFalse();
        h.pushUntil(2.1);
        assertThat(r.text()).contains("video_" + h.muxer.generation() + "_s1.m4s");
    }

    @Test
    void blockingReloadTimesOutWith503() throws Exception {
        harness(Duration.ofMillis(200), 100, 7, true, true);
        h.pushUntil(1.5);
        MuxerHarness.Request r = h.request(new HlsResource.MediaPlaylist("video", false, 2, 0, false));
        assertThat(r.status()).isEqualTo(503);
        assertThat(h.call(h.muxer::parkedRequests)).isZero();
    }

    @Test
    void requestsTooFarAheadAre400() throws Exception {
        harness(Duration.ofSeconds(2), 100, 7, true, true);
        h.pushUntil(1.5); // last part is msn 1 part 1
        assertThat(h.request(new HlsResource.MediaPlaylist("video", false, 4, -1, false)).status()).isEqualTo(400);
        assertThat(h.request(new HlsResource.MediaPlaylist("video", false, 1, 30, false)).status()).isEqualTo(400);
        // Two segments ahead is still allowed (it parks, then times out or completes).
        MuxerHarness.Request ok = h.request(new HlsResource.MediaPlaylist("video", false, 3, -1, false));
        Thread.sleep(50);
        assertThat(ok.answered()).isFalse();
    }

    @Test
    void anOldMsnIsAnsweredAtOnce() throws Exception {
        harness(Duration.ofSeconds(2), 100, 7, true, true);
        h.pushUntil(2.5);
        assertThat(h.request(new HlsResource.MediaPlaylist("video", false, 0, 0, false)).status()).isEqualTo(200);
    }

    @Test
    void parkedRequestsAreBoundedAndTheRestGet503() throws Exception {
        harness(Duration.ofSeconds(30), 50, 7, true, true);
        h.pushUntil(1.5);
        List<MuxerHarness.Request> all = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            all.add(h.request(new HlsResource.MediaPlaylist(i % 2 == 0 ? "video" : "audio", false, 2, 0, false)));
        }
        assertThat(h.call(h.muxer::parkedRequests)).isEqualTo(50);
        assertThat(all.stream().filter(MuxerHarness.Request::answered).count()).isEqualTo(30);
        for (MuxerHarness.Request r : all.subList(50, 80)) {
            assertThat(r.status()).isEqualTo(503);
        }
        // A client that goes away frees its slot.
        all.get(0).cancel.run();
        assertThat(h.call(h.muxer::parkedRequests)).isEqualTo(49);
        h.on(h.muxer::end);
        for (MuxerHarness.Request r : all.subList(1, 50)) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).contains("#EXT-X-ENDLIST");
            assertThat(r.replies).isEqualTo(1);
        }
    }

    @Test
    void publisherStopFlushesThePendingPartAndReleasesWaiters() throws Exception {
        harness(Duration.ofSeconds(30), 100, 7, true, true);
        h.pushUntil(1.3); // segment 1 has part 5 (1.0-1.2); frames from 1.2 on wait for the next cut
        String g = h.muxer.generation();
        MuxerHarness.Request playlist = h.request(new HlsResource.MediaPlaylist("video", false, 2, 0, false));
        MuxerHarness.Request part = h.request(new HlsResource.Part("video", g, 7));
        h.on(h.muxer::publisherGone);
        assertThat(playlist.status()).isEqualTo(503);
        assertThat(part.status()).isEqualTo(503);
        // The held-back frames became part 6, so nobody waits for them.
        assertThat(h.request(new HlsResource.Part("video", g, 6)).status()).isEqualTo(200);
        String video = h.playlist("video");
        assertThat(video).contains("URI=\"video_" + g + "_p6.m4s\"");
        assertThat(PlaylistRules.validateMedia(video)).isEmpty();
        // The publisher comes back: the router signals the discontinuity, and the segments go on.
        h.on(h.muxer::onDiscontinuity);
        h.pushUntil(3.1);
        String after = h.playlist("video");
        assertThat(after).contains("#EXT-X-DISCONTINUITY\n", "video_" + g + "_s1.m4s");
        assertThat(PlaylistRules.validateMedia(after)).isEmpty();
    }

    @Test
    void endAddsEndListAndAnswersPartsWith404() throws Exception {
        harness(Duration.ofSeconds(30), 100, 7, true, true);
        h.pushUntil(1.3);
        MuxerHarness.Request part = h.request(new HlsResource.Part("video", h.muxer.generation(), 9));
        h.on(h.muxer::end);
        assertThat(part.status()).isEqualTo(404);
        String v = h.playlist("video");
        assertThat(v).contains("#EXT-X-ENDLIST").doesNotContain("PRELOAD-HINT");
    }

    @Test
    void segmentsThatLeftTheWindowAre404() throws Exception {
        harness(Duration.ofSeconds(2), 100, 3, true, true);
        h.pushUntil(6.1);
        String g = h.muxer.generation();
        assertThat(h.request(new HlsResource.Segment("video", g, 0)).status()).isEqualTo(404);
        assertThat(h.request(new HlsResource.Part("video", g, 0)).status()).isEqualTo(404);
        assertThat(h.request(new HlsResource.Segment("video", g, 5)).status()).isEqualTo(200);
        assertThat(h.request(new HlsResource.Segment("video", "zzz", 5)).status()).isEqualTo(404);
        assertThat(h.playlist("video")).contains("#EXT-X-MEDIA-SEQUENCE:3\n");
    }

    @Test
    void deltaUpdatesSkipOldSegments() throws Exception {
        harness(Duration.ofSeconds(2), 100, 9, true, false);
        h.pushUntil(10.1);
        String full = h.playlist("video");
        String delta = h.request(new HlsResource.MediaPlaylist("video", false, -1, -1, true)).text();
        assertThat(count(full, "#EXTINF:")).isEqualTo(9);
        long skipped = lastInt(delta, "SKIPPED-SEGMENTS=(\\d+)");
        assertThat(skipped).isPositive();
        assertThat(skipped + count(delta, "#EXTINF:")).isEqualTo(9);
        // What stays spans at least CAN-SKIP-UNTIL (6 s) back from the end.
        assertThat(count(delta, "#EXTINF:")).isGreaterThanOrEqualTo(6);
        assertThat(delta.indexOf("#EXT-X-DISCONTINUITY-SEQUENCE")).isLessThan(delta.indexOf("#EXT-X-SKIP"));
        assertThat(PlaylistRules.validateMedia(delta)).isEmpty();
    }

    @Test
    void audioOnlyStreamsCutOnTheirOwn() throws Exception {
        harness(Duration.ofSeconds(2), 100, 7, false, true);
        h.pushUntil(3.1);
        String audio = h.playlist("audio");
        assertThat(PlaylistRules.validateMedia(audio)).isEmpty();
        assertThat(count(audio, "#EXTINF:")).isGreaterThanOrEqualTo(2);
        String index = h.request(new HlsResource.Multivariant(false)).text();
        assertThat(index).contains("CODECS=\"mp4a.40.2\"").contains("audio.m3u8").doesNotContain("EXT-X-MEDIA:");
        assertThat(h.request(new HlsResource.MediaPlaylist("video", false, -1, -1, false)).status()).isEqualTo(404);
    }

    @Test
    void videoOnlyMultivariantHasResolutionAndMeasuredBandwidth() throws Exception {
        harness(Duration.ofSeconds(2), 100, 7, true, false);
        h.pushUntil(2.1);
        String index = h.request(new HlsResource.Multivariant(false)).text();
        assertThat(index).contains("CODECS=\"avc1.42c00d\"", "RESOLUTION=320x180", "FRAME-RATE=30.000", "video.m3u8")
                .doesNotContain("AUDIO=");
        assertThat(lastInt(index, "BANDWIDTH=(\\d+)")).isPositive();
    }

    @Test
    void aRequestBeforeTheFirstSegmentWaitsForIt() throws Exception {
        harness(Duration.ofSeconds(5), 100, 7, true, true);
        MuxerHarness.Request index = h.request(new HlsResource.Multivariant(false));
        h.pushUntil(0.5);
        Thread.sleep(50);
        assertThat(index.answered()).isFalse();
        h.pushUntil(1.1);
        assertThat(index.status()).isEqualTo(200);
    }

    @Test
    void discontinuityStartsANewSegmentMarked() throws Exception {
        harness(Duration.ofSeconds(2), 100, 7, true, true);
        h.pushUntil(1.5);
        h.on(h.muxer::onDiscontinuity);
        h.pushUntil(2.5);
        String v = h.playlist("video");
        assertThat(v).contains("#EXT-X-DISCONTINUITY\n");
        assertThat(PlaylistRules.validateMedia(v)).isEmpty();
    }

    @Test
    void viewersAreCountedFromPlaylistPolls() throws Exception {
        harness(Duration.ofSeconds(2), 100, 7, true, true);
        h.pushUntil(1.1);
        h.playlist("video");
        h.playlist("audio");
        assertThat(h.muxer.viewers()).isEqualTo(1);
    }

    @Test
    void opusAudioGetsAnOpusInitSegmentAndCodec() throws Exception {
        h = new MuxerHarness(MuxerHarness.config(Duration.ofSeconds(2), 100, 7), 30, true, true,
                new io.livegate.media.Track(1, io.livegate.media.Codec.OPUS, 48_000,
                        new io.livegate.media.CodecParameters.OpusParameters(2, 312, 48_000)));
        h.pushUntil(2.1);
        assertThat(h.request(new HlsResource.Multivariant(false)).text()).contains("CODECS=\"avc1.42c00d,opus\"",
                "CHANNELS=\"2\"");
        HlsReply init = h.request(new HlsResource.Init("audio", h.muxer.generation(), 0)).get();
        assertThat(new String(init.body().get(0), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("Opus",
                "dOps");
        assertThat(PlaylistRules.validateMedia(h.playlist("audio"))).isEmpty();
    }

    @Test
    void newParametersGiveANewInitSegmentAndADiscontinuity() throws Exception {
        harness(Duration.ofSeconds(2), 100, 7, true, true);
        h.pushUntil(1.5);
        byte[] sps = MuxerHarness.SPS.clone();
        sps[3] = 0x1e; // level 3.0
        io.livegate.media.Track changed = MuxerHarness.VIDEO.withParameters(
                new io.livegate.media.CodecParameters.H264Parameters(List.of(sps), List.of(MuxerHarness.PPS)));
        h.on(() -> h.muxer.onTracks(List.of(changed, MuxerHarness.AUDIO)));
        h.pushUntil(3.5);
        String g = h.muxer.generation();
        String video = h.playlist("video");
        assertThat(video).contains("#EXT-X-MAP:URI=\"video_" + g + "_init0.mp4\"",
                "#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"video_" + g + "_init1.mp4\"");
        assertThat(PlaylistRules.validateMedia(video)).isEmpty();
        assertThat(h.request(new HlsResource.Init("video", g, 1)).status()).isEqualTo(200);
        assertThat(h.request(new HlsResource.Init("video", g, 0)).status()).isEqualTo(200);
        // Audio did not change: its init stays, but it marks the discontinuity too.
        assertThat(h.playlist("audio")).contains("#EXT-X-DISCONTINUITY\n").doesNotContain("audio_" + g + "_init1");
    }

    @Test
    void programDateTimesFollowMediaTime() throws Exception {
        harness(Duration.ofSeconds(2), 100, 7, true, true);
        h.pushUntil(4.1);
        String video = h.playlist("video");
        List<java.time.Instant> pdts = new ArrayList<>();
        Matcher m = Pattern.compile("#EXT-X-PROGRAM-DATE-TIME:(\\S+)").matcher(video);
        while (m.find()) {
            pdts.add(java.time.Instant.parse(m.group(1)));
        }
        assertThat(pdts).hasSizeGreaterThanOrEqualTo(4);
        for (int i = 1; i < pdts.size(); i++) {
            assertThat(Duration.between(pdts.get(i - 1), pdts.get(i)).toMillis()).isBetween(999L, 1001L);
        }
        String audio = h.playlist("audio");
        assertThat(audio).contains("#EXT-X-PROGRAM-DATE-TIME:" + video.replaceAll("(?s).*?#EXT-X-PROGRAM-DATE-TIME:(\\S+).*",
                "$1").substring(0, 19));
    }

    @Test
    void aSilentAudioTrackIsLeftOutOfTheMultivariantPlaylist() throws Exception {
        // Both tracks declared, only video frames arrive.
        h = new MuxerHarness(MuxerHarness.config(Duration.ofSeconds(2), 100, 7), 30, true, false);
        h.on(() -> h.muxer.onTracks(List.of(MuxerHarness.VIDEO, MuxerHarness.AUDIO)));
        h.pushUntil(2.1);
        MuxerHarness.Request early = h.request(new HlsResource.Multivariant(false));
        Thread.sleep(50);
        assertThat(early.answered()).as("waits a little for the audio").isFalse();
        h.pushUntil(3.1);
        assertThat(early.status()).isEqualTo(200);
        String index = h.request(new HlsResource.Multivariant(false)).text();
        assertThat(index).contains("CODECS=\"avc1.42c00d\"").doesNotContain("EXT-X-MEDIA", "mp4a");
    }
}
