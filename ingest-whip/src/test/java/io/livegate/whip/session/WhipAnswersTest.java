package io.livegate.whip.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.media.Codec;
import io.livegate.rtc.sdp.AnswerOptions;
import io.livegate.rtc.sdp.Candidate;
import io.livegate.rtc.sdp.NegotiatedMedia;
import io.livegate.rtc.sdp.SdpAttribute;
import io.livegate.rtc.sdp.SdpException;
import io.livegate.rtc.sdp.SdpLimits;
import io.livegate.rtc.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WHIP answer against real publishers' offers (Chromium 156, OBS, GStreamer, Firefox). */
class WhipAnswersTest {

    private static final AnswerOptions BASE = AnswerOptions.whip("srvU", "serverPasswordServerPass",
            new SdpAttribute.Fingerprint("sha-256", "AB:CD"), List.of(Candidate.host("1", "udp", 2130706431L,
                    "127.0.0.1", 8189, null)), 42);

    static String fixture(String name) throws IOException {
        try (InputStream in = WhipAnswersTest.class.getResourceAsStream(name + ".sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static WhipAnswers.Plan answer(String sdp) throws WhipException {
        return WhipAnswers.answer(SessionDescription.parse(sdp), BASE, 4);
    }

    private static NegotiatedMedia kind(WhipAnswers.Plan p, String kind) {
        return p.tracks().stream().filter(m -> m.kind().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void chromiumGetsConstrainedBaselineH264WithRtxAndOpus() throws Exception {
        WhipAnswers.Plan p = answer(fixture("chromium156-whip-offer"));
        NegotiatedMedia video = kind(p, "video");
        assertThat(video.codec().codec()).isEqualTo(Codec.H264);
        assertThat(video.codec().parameters()).containsEntry("profile-level-id", "42e01f")
                .containsEntry("packetization-mode", "1");
        assertThat(video.codec().hasRtx()).isTrue();
        assertThat(video.feedback()).contains("nack", "nack pli", "ccm fir", "transport-cc")
                .doesNotContain("goog-remb");
        assertThat(video.extensionId("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"))
                .isEqualTo(3);
        NegotiatedMedia audio = kind(p, "audio");
        assertThat(audio.codec().codec()).isEqualTo(Codec.OPUS);
        assertThat(audio.codec().payloadType()).isEqualTo(111);
        String sdp = p.answer().sdp().write();
        assertThat(sdp).contains("a=recvonly", "a=setup:passive", "a=ice-lite", "a=ice-ufrag:srvU",
                "a=fmtp:111 minptime=10;useinbandfec=1", "a=candidate:1 1 udp 2130706431 127.0.0.1 8189 typ host",
                "a=group:BUNDLE 0 1");
        assertThat(sdp).doesNotContain("a=sendonly", "a=simulcast", "a=rid", "a=ssrc:");
    }

    @Test
    void h264ProfilesArePreferredInOrderAndOnlyWithPacketizationMode1() throws Exception {
        String base = fixture("chromium156-whip-offer");
        // Without the Constrained Baseline formats, Baseline (42001f, pt 102) is next.
        String noCb = base.replace("profile-level-id=42e01f", "profile-level-id=640032");
        assertThat(kind(answer(noCb), "video").codec().parameters()).containsEntry("profile-level-id", "42001f");
        // Only mode-0 H.264 left: we take the next codec instead (AV1 here, before VP9 and VP8).
        String mode0 = base.replace("packetization-mode=1", "packetization-mode=0");
        assertThat(kind(answer(mode0), "video").codec().codec()).isEqualTo(Codec.AV1);
    }

    @Test
    void simulcastIsRefusedSoTheBrowserSendsOneEncoding() throws Exception {
        String offer = fixture("chromium156-simulcast-offer");
        assertThat(offer).contains("a=simulcast:send");
        WhipAnswers.Plan p = answer(offer);
        assertThat(kind(p, "video").rids()).isEmpty();
        assertThat(p.answer().sdp().write()).doesNotContain("a=simulcast", "a=rid", "rtp-stream-id");
    }

    @Test
    void obsGstreamerAndFirefoxOffersAreAnswered() throws Exception {
        for (String f : List.of("obs-whip-offer-composed", "gstreamer122-whip-offer", "firefox-whip-offer-composed")) {
            WhipAnswers.Plan p = answer(fixture(f));
            assertThat(p.tracks()).as(f).anyMatch(m -> m.kind().equals("video"));
            assertThat(p.tracks()).as(f).anyMatch(m -> m.codec().codec() == Codec.OPUS);
        }
    }

    @Test
    void sectionsPastTheTrackLimitAreRejected() throws Exception {
        WhipAnswers.Plan p = WhipAnswers.answer(SessionDescription.parse(fixture("chromium156-whip-offer")), BASE, 1);
        assertThat(p.tracks()).singleElement().satisfies(m -> assertThat(m.kind()).isEqualTo("audio"));
        assertThat(p.answer().sdp().write()).contains("m=video 0 ");
    }

    @Test
    void offersWithoutAUsableTrackOrWithPassiveSetupAreBad() throws Exception {
        String offer = fixture("chromium156-whip-offer");
        String noCodec = offer.replaceAll("a=rtpmap:(\\d+) (H264|VP8|VP9|AV1|H265)/90000", "a=rtpmap:$1 MP4V-ES/90000")
                .replace("opus/48000/2", "L16/48000/2");
        assertThatThrownBy(() -> answer(noCodec)).isInstanceOf(WhipException.class)
                .hasMessageContaining("no usable track").hasMessageContaining("MP4V-ES");
        assertThatThrownBy(() -> answer(offer.replace("a=sendonly", "a=inactive")))
                .hasMessageContaining("no usable track");
        assertThatThrownBy(() -> WhipAnswers.remoteIdentity(SessionDescription.parse(
                offer.replace("a=setup:actpass", "a=setup:passive")))).hasMessageContaining("actpass");
        assertThatThrownBy(() -> WhipAnswers.remoteIdentity(SessionDescription.parse(
                offer.replaceAll("a=ice-pwd:.*\r\n", "")))).hasMessageContaining("ice-pwd");
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzAnswer(byte[] data) {
        try {
            SessionDescription offer = SessionDescription.parse(new String(data, StandardCharsets.UTF_8),
                    SdpLimits.DEFAULT);
            WhipAnswers.remoteIdentity(offer);
            WhipAnswers.Plan p = WhipAnswers.answer(offer, BASE, 4);
            assertThat(p.tracks()).isNotEmpty().hasSizeLessThanOrEqualTo(4);
            SessionDescription.parse(p.answer().sdp().write());
        } catch (SdpException | WhipException expected) {
            // a 400
        }
    }
}
