package io.livegate.whep.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Track;
import io.livegate.rtc.sdp.AnswerOptions;
import io.livegate.rtc.sdp.AnswerOptions.LocalTrack;
import io.livegate.rtc.sdp.Candidate;
import io.livegate.rtc.sdp.SdpAttribute;
import io.livegate.rtc.sdp.SdpException;
import io.livegate.rtc.sdp.SessionDescription;
import io.livegate.whep.TestSdp;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhepAnswersTest {

    static final byte[] BASELINE_SPS = TestSdp.BASELINE_SPS;
    static final byte[] HIGH_SPS = TestSdp.HIGH_SPS;
    static final byte[] PPS = TestSdp.PPS;

    static String chromiumOffer() throws IOException {
        return TestSdp.chromiumOffer();
    }

    private static Track h264(byte[] sps) {
        return new Track(0, Codec.H264, 90_000, new CodecParameters.H264Parameters(List.of(sps), List.of(PPS)));
    }

    private static final Track OPUS = new Track(1, Codec.OPUS, 48_000, new CodecParameters.OpusParameters(2, 312,
            48_000));
    private static final Track AAC = new Track(1, Codec.AAC, 48_000, new CodecParameters.AacParameters(
            new byte[] {0x11, (byte) 0x90}));

    private static AnswerOptions base() {
        return AnswerOptions.whep("ufrag123", "pwdpwdpwdpwdpwdpwdpwdpwd",
                SdpAttribute.Fingerprint.of("sha-256", new byte[32]),
                List.of(Candidate.host("1", "udp", 2130706431L, "127.0.0.1", 8189, null),
                        Candidate.host("2", "tcp", 2122317823L, "127.0.0.1", 8189, "passive")),
                List.of(), Map.of(), 42);
    }

    private static WhepAnswers.Plan answer(String offer, List<Track> tracks, boolean aacAsOpus) throws Exception {
        return WhepAnswers.answer(SessionDescription.parse(offer), tracks, aacAsOpus, base(),
                new LocalTrack("livegate", "video", 1111, 2222, "cn"), new LocalTrack("livegate", "audio", 3333, 0,
                        "cn"));
    }

    @Test
    void baselineStreamGetsConstrainedBaselineMode1AndOpus() throws Exception {
        WhepAnswers.Plan plan = answer(chromiumOffer(), List.of(h264(BASELINE_SPS), OPUS), false);
        assertThat(plan.video().codec().codec()).isEqualTo(Codec.H264);
        assertThat(plan.video().codec().parameters()).containsEntry("packetization-mode", "1")
                .containsEntry("profile-level-id", "42e01f");
        assertThat(plan.video().codec().hasRtx()).isTrue();
        assertThat(plan.audio().codec().codec()).isEqualTo(Codec.OPUS);
        String sdp = plan.answer().sdp().write();
        assertThat(sdp).contains("a=ice-lite", "a=sendonly", "a=setup:passive", "a=ssrc:1111 cname:cn",
                "a=ssrc-group:FID 1111 2222", "a=candidate:2 1 tcp 2122317823 127.0.0.1 8189 typ host tcptype passive",
                "a=fmtp:" + plan.video().codec().payloadType() + " level-asymmetry-allowed=1;packetization-mode=1;"
                        + "profile-level-id=42e01f");
        assertThat(sdp).doesNotContain("a=recvonly");
    }

    @Test
    void highProfileStreamIsAnsweredWithTheViewersOwnProfileId() throws Exception {
        WhepAnswers.Plan plan = answer(chromiumOffer(), List.of(h264(HIGH_SPS), OPUS), false);
        // Chromium offers no 64xxxx id but decodes High: the answer carries an offered id, mode 1.
        String plid = plan.video().codec().parameters().get("profile-level-id");
        assertThat(chromiumOffer()).contains("profile-level-id=" + plid);
        assertThat(plan.video().codec().parameters()).containsEntry("packetization-mode", "1");
    }

    @Test
    void preferencesFollowTheSps() {
        assertThat(WhepAnswers.preferences(List.of(h264(HIGH_SPS), AAC), true))
                .extracting(p -> p.codec() + " " + p.parameters().getOrDefault("profile-level-id", ""))
                .containsExactly("H264 64001f", "OPUS ");
        assertThat(WhepAnswers.preferences(List.of(h264(HIGH_SPS), AAC), false)).hasSize(1);
    }

    @Test
    void aacWithoutTranscoderRejectsTheAudioSection() throws Exception {
        WhepAnswers.Plan plan = answer(chromiumOffer(), List.of(h264(BASELINE_SPS), AAC), false);
        assertThat(plan.audio()).isNull();
        assertThat(plan.answer().sdp().write()).contains("m=audio 0 ");
    }

    @Test
    void aacWithTranscoderIsOfferedAsOpus() throws Exception {
        WhepAnswers.Plan plan = answer(chromiumOffer(), List.of(h264(BASELINE_SPS), AAC), true);
        assertThat(plan.audio().codec().codec()).isEqualTo(Codec.OPUS);
    }

    @Test
    void vp8StreamPicksVp8() throws Exception {
        Track vp8 = new Track(0, Codec.VP8, 90_000, new CodecParameters.VpxParameters(0, 8, 640, 360));
        WhepAnswers.Plan plan = answer(chromiumOffer(), List.of(vp8, OPUS), false);
        assertThat(plan.video().codec().codec()).isEqualTo(Codec.VP8);
        assertThat(plan.video().codec().payloadType()).isEqualTo(96);
    }

    @Test
    void noCommonVideoCodecIsA409WithReasons() throws Exception {
        String vp8Only = vp8OnlyOffer();
        assertThatThrownBy(() -> answer(vp8Only, List.of(h264(BASELINE_SPS), OPUS), false))
                .isInstanceOf(WhepException.class)
                .hasMessageContaining("no codec in common").hasMessageContaining("H264").hasMessageContaining("VP8")
                .satisfies(e -> assertThat(((WhepException) e).reason().status()).isEqualTo(409));
    }

    @Test
    void h265StreamAndAChromiumOfferWithoutH265IsRefused() throws Exception {
        Track h265 = new Track(0, Codec.H265, 90_000, null);
        assertThatThrownBy(() -> answer(chromiumOffer(), List.of(h265, OPUS), false))
                .isInstanceOf(WhepException.class).hasMessageContaining("H265");
    }

    @Test
    void remoteIdentityReadsCredentialsAndRole() throws Exception {
        WhepAnswers.RemoteIdentity id = WhepAnswers.remoteIdentity(SessionDescription.parse(chromiumOffer()));
        assertThat(id.ufrag()).isNotBlank();
        assertThat(id.fingerprint()).startsWith("sha-256 ");
        assertThat(id.weAreDtlsClient()).isFalse();
        String passive = chromiumOffer().replace("a=setup:actpass", "a=setup:passive");
        assertThat(WhepAnswers.remoteIdentity(SessionDescription.parse(passive)).weAreDtlsClient()).isTrue();
    }

    @Test
    void offerWithoutFingerprintIsBad() throws Exception {
        String noFp = chromiumOffer().lines().filter(l -> !l.startsWith("a=fingerprint"))
                .reduce("", (a, b) -> a + b + "\r\n");
        assertThatThrownBy(() -> WhepAnswers.remoteIdentity(SessionDescription.parse(noFp)))
                .isInstanceOf(WhepException.class)
                .satisfies(e -> assertThat(((WhepException) e).reason()).isEqualTo(WhepException.Reason.BAD_OFFER));
    }

    static String vp8OnlyOffer() throws IOException {
        return TestSdp.vp8OnlyOffer();
    }

    @Test
    void anAudioOnlyOfferGetsTheAudio() throws Exception {
        String offer = chromiumOffer();
        int video = offer.indexOf("m=video");
        int audio = offer.indexOf("m=audio");
        String audioOnly = offer.substring(0, video) + offer.substring(audio);
        audioOnly = audioOnly.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 1");
        WhepAnswers.Plan plan = answer(audioOnly, List.of(h264(BASELINE_SPS), OPUS), false);
        assertThat(plan.video()).isNull();
        assertThat(plan.audio().codec().codec()).isEqualTo(Codec.OPUS);
    }

    /** Any text as an offer: only SdpException (parse) or WhepException (answer) may come out, never a crash. */
    @FuzzTest(maxDuration = "20s")
    void fuzzAnswer(byte[] data) {
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(new String(data, StandardCharsets.UTF_8));
        } catch (SdpException rejected) {
            return;
        }
        try {
            WhepAnswers.remoteIdentity(offer);
            WhepAnswers.Plan plan = WhepAnswers.answer(offer, List.of(h264(HIGH_SPS), AAC), true, base(),
                    new LocalTrack("livegate", "video", 1111, 2222, "cn"), new LocalTrack("livegate", "audio", 3333, 0,
                            "cn"));
            assertThat(plan.answer().sdp().write()).contains("a=ice-lite");
        } catch (WhepException refused) {
            // 4xx
        }
    }
}
