package io.livegate.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.media.Codec;
import io.livegate.rtc.sdp.AnswerOptions.LocalTrack;
import io.livegate.rtc.sdp.SdpAttribute.Fingerprint;
import io.livegate.rtc.sdp.SdpAttribute.Rid;
import io.livegate.rtc.sdp.SdpAttribute.SetupRole;
import io.livegate.rtc.sdp.SdpAttribute.Simulcast;
import io.livegate.rtc.sdp.SdpAttribute.Ssrc;
import io.livegate.rtc.sdp.SdpAttribute.SsrcGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdpAnswererTest {

    private static final Fingerprint OUR_FP = Fingerprint.of("sha-256", new byte[32]);
    private static final List<Candidate> OUR_CANDIDATES = List.of(
            Candidate.host("1", "udp", 2130706431L, "127.0.0.1", 8189, null),
            Candidate.host("2", "tcp", 1671430143L, "127.0.0.1", 8189, "passive"));

    private static SessionDescription offer(String name) {
        return SessionDescription.parse(SdpFixtures.load(name));
    }

    private static AnswerOptions whip() {
        return AnswerOptions.whip("srvUfrag", "serverpassword0123456789", OUR_FP, OUR_CANDIDATES, 42);
    }

    private static AnswerOptions whep(List<CodecPreference> codecs) {
        return AnswerOptions.whep("srvUfrag", "serverpassword0123456789", OUR_FP, OUR_CANDIDATES, codecs,
                Map.of("video", new LocalTrack("live", "v0", 1111, 2222, "gw"),
                        "audio", new LocalTrack("live", "a0", 3333, 0, "gw")), 43);
    }

    @Test
    void chromeWhipOfferGetsH264Mode1AndOpus() {
        SdpAnswer a = SdpAnswerer.answer(offer(SdpFixtures.CHROME_WHIP), whip());
        NegotiatedMedia audio = a.media().get(0);
        NegotiatedMedia video = a.media().get(1);
        assertThat(audio.codec().codec()).isEqualTo(Codec.OPUS);
        assertThat(audio.codec().payloadType()).isEqualTo(111);
        assertThat(audio.codec().channels()).isEqualTo(2);
        assertThat(audio.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(audio.remoteSsrcs()).containsExactly(3019831491L);
        assertThat(video.codec().codec()).isEqualTo(Codec.H264);
        assertThat(video.codec().payloadType()).isEqualTo(102);
        assertThat(video.codec().parameters()).containsEntry("packetization-mode", "1");
        assertThat(video.codec().rtxPayloadType()).isEqualTo(103);
        assertThat(video.feedback()).containsExactlyInAnyOrder("nack", "nack pli", "ccm fir", "transport-cc", "goog-remb");
        assertThat(video.extensions()).containsEntry(ExtensionUri.TRANSPORT_CC, 3).containsEntry(ExtensionUri.MID, 4)
                .containsEntry(ExtensionUri.ABS_SEND_TIME, 2).doesNotContainKey(ExtensionUri.RID);
        assertThat(video.remoteRtxSsrcs()).containsEntry(1846794214L, 2927325314L);
        assertThat(video.remoteStreamId()).isEqualTo("e1eac5d8-77b4-4279-a72c-e4ba1f3958cf");
        assertThat(a.remoteUfrag()).isEqualTo("ZN5d");
        assertThat(a.dtlsClient()).isFalse();
        assertThat(a.remoteCandidates()).hasSize(3); // the TCP candidate is the same in both sections

        SessionDescription sdp = SessionDescription.parse(a.sdp().write());
        assertThat(sdp).isEqualTo(a.sdp());
        assertThat(sdp.bundleMids()).containsExactly("0", "1");
        assertThat(sdp.has("ice-lite")).isTrue();
        MediaDescription v = sdp.media().get(1);
        assertThat(v.formats()).containsExactly("102", "103");
        assertThat(v.port()).isEqualTo(8189);
        assertThat(v.connection()).isEqualTo("IN IP4 127.0.0.1");
        assertThat(v.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(sdp.setup(v).role()).isEqualTo(SetupRole.PASSIVE);
        assertThat(sdp.iceUfrag(v)).isEqualTo("srvUfrag");
        assertThat(v.fmtp(103).parameters()).isEqualTo("apt=102");
        assertThat(v.candidates()).hasSize(2);
        assertThat(v.has("rtcp-mux")).isTrue();
        assertThat(v.attributes(Ssrc.class)).isEmpty();
    }

    @Test
    void simulcastOfferIsAnsweredWithRecvRids() {
        SdpAnswer a = SdpAnswerer.answer(offer(SdpFixtures.CHROME_SIMULCAST), whip());
        NegotiatedMedia video = a.media().get(1);
        assertThat(video.rids()).containsExactly("q", "h", "f");
        assertThat(video.extensionId(ExtensionUri.RID)).isEqualTo(10);
        assertThat(video.extensionId(ExtensionUri.REPAIRED_RID)).isEqualTo(11);
        MediaDescription v = a.sdp().media().get(1);
        assertThat(v.attributes(Rid.class)).extracting(Rid::line).containsExactly("rid:q recv", "rid:h recv", "rid:f recv");
        assertThat(v.attribute(Simulcast.class).line()).isEqualTo("simulcast:recv q;h;f");
    }

    @Test
    void chromeWhepOfferGetsSendonlyWithStrictConstrainedBaseline() {
        SessionDescription offer = offer(SdpFixtures.CHROME_WHEP);
        SdpAnswer a = SdpAnswerer.answer(offer, whep(List.of(
                CodecPreference.exactly(Codec.H264, Map.of("profile-level-id", "42e01f", "packetization-mode", "1")),
                CodecPreference.any(Codec.OPUS))));
        NegotiatedMedia video = a.media().get(0);
        assertThat(video.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(H264ProfileLevelId.parse(video.codec().parameters().get("profile-level-id")).profile())
                .isEqualTo(H264ProfileLevelId.Profile.CONSTRAINED_BASELINE);
        assertThat(video.codec().parameters()).containsEntry("packetization-mode", "1");
        MediaDescription v = a.sdp().media().get(0);
        assertThat(v.attribute(SsrcGroup.class).ssrcs()).containsExactly(1111L, 2222L);
        assertThat(v.attributes(Ssrc.class)).extracting(Ssrc::line).contains("ssrc:1111 cname:gw",
                "ssrc:1111 msid:live v0", "ssrc:2222 cname:gw");
        assertThat(v.attribute(SdpAttribute.Msid.class).line()).isEqualTo("msid:live v0");
        MediaDescription au = a.sdp().media().get(1);
        assertThat(au.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(au.attributes(SsrcGroup.class)).isEmpty();
    }

    @Test
    void highProfileFallsBackOnlyWhenNotStrict() {
        SessionDescription offer = offer(SdpFixtures.CHROME_WHEP);
        Map<String, String> high = Map.of("profile-level-id", "640028", "packetization-mode", "1");
        SdpAnswer loose = SdpAnswerer.answer(offer, whep(List.of(new CodecPreference(Codec.H264, high, false),
                CodecPreference.any(Codec.OPUS))));
        assertThat(loose.media().get(0).accepted()).isTrue();
        assertThat(loose.media().get(0).codec().parameters()).containsEntry("packetization-mode", "1");

        SdpAnswer strict = SdpAnswerer.answer(offer, whep(List.of(CodecPreference.exactly(Codec.H264, high),
                CodecPreference.any(Codec.OPUS))));
        assertThat(strict.media().get(0).accepted()).isFalse();
        assertThat(strict.sdp().media().get(0).port()).isZero();
        assertThat(strict.sdp().bundleMids()).containsExactly(strict.media().get(1).mid());
    }

    @Test
    void vp9ProfileAndAv1AreMatchedByParameters() {
        SessionDescription offer = offer(SdpFixtures.CHROME_WHEP);
        SdpAnswer a = SdpAnswerer.answer(offer, whep(List.of(
                CodecPreference.exactly(Codec.VP9, Map.of("profile-id", "2")), CodecPreference.any(Codec.OPUS))));
        assertThat(a.media().get(0).codec().parameters()).containsEntry("profile-id", "2");
        assertThat(a.media().get(0).codec().hasRtx()).isTrue();
        SdpAnswer av1 = SdpAnswerer.answer(offer, whep(List.of(CodecPreference.any(Codec.AV1))));
        assertThat(av1.media().get(0).codec().codec()).isEqualTo(Codec.AV1);
        assertThat(av1.media().get(1).accepted()).isFalse();
    }

    @Test
    void firefoxOfferPrefersPacketizationMode1() {
        SdpAnswer a = SdpAnswerer.answer(offer(SdpFixtures.FIREFOX_WHIP), whip());
        NegotiatedMedia video = a.media().get(1);
        assertThat(video.codec().payloadType()).isEqualTo(126);
        assertThat(video.codec().rtxPayloadType()).isEqualTo(127);
        assertThat(video.extensions()).doesNotContainKey("http://www.webrtc.org/experiments/rtp-hdrext/playout-delay");
        assertThat(a.remoteFingerprint().hashFunction()).isEqualTo("sha-256");
        assertThat(a.media().get(0).codec().codec()).isEqualTo(Codec.OPUS);
        assertThat(a.media().get(0).codec().payloadType()).isEqualTo(109);
        assertThat(video.remoteRtxSsrcs()).containsEntry(1190734573L, 3566212377L);
    }

    @Test
    void obsOfferWithSessionLevelTransportAttributes() {
        SdpAnswer a = SdpAnswerer.answer(offer(SdpFixtures.OBS_WHIP), whip());
        assertThat(a.remoteUfrag()).isEqualTo("Qo2d");
        assertThat(a.dtlsClient()).isFalse();
        NegotiatedMedia video = a.media().get(1);
        assertThat(video.codec().payloadType()).isEqualTo(96);
        assertThat(video.codec().hasRtx()).isFalse();
        assertThat(video.feedback()).containsExactlyInAnyOrder("nack", "nack pli", "goog-remb");
        assertThat(video.extensions()).isEmpty();
        assertThat(video.remoteSsrcs()).containsExactly(2222222222L);
        assertThat(a.media().get(0).codec().parameters()).containsEntry("stereo", "1");
        assertThat(a.sdp().bundleMids()).containsExactly("0", "1");
    }

    @Test
    void gstreamerOfferWithBundleOnlyAudio() {
        SdpAnswer a = SdpAnswerer.answer(offer(SdpFixtures.GSTREAMER_WHIP), whip());
        NegotiatedMedia video = a.media().get(0);
        NegotiatedMedia audio = a.media().get(1);
        assertThat(video.mid()).isEqualTo("video0");
        assertThat(video.codec().codec()).isEqualTo(Codec.H264);
        assertThat(video.codec().parameters()).containsEntry("packetization-mode", "1")
                .containsKey("sprop-parameter-sets");
        assertThat(video.feedback()).containsExactlyInAnyOrder("nack pli", "ccm fir", "transport-cc");
        assertThat(audio.accepted()).isTrue(); // port 0 with a=bundle-only is not a rejection
        assertThat(audio.codec().codec()).isEqualTo(Codec.OPUS);
        assertThat(a.sdp().media().get(1).port()).isEqualTo(8189);
        assertThat(a.sdp().bundleMids()).containsExactly("video0", "audio1");
        assertThat(a.remoteUfrag()).isEqualTo("crtKrv/71K+LE6sXLRUpMPRaCQDw3ut3");
    }

    @Test
    void packetizationMode0IsOnlyForReceiving() {
        String text = SdpFixtures.load(SdpFixtures.FIREFOX_WHIP).replace("a=fmtp:126 profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1\r\n", "")
                .replace("a=rtpmap:126 H264/90000\r\n", "");
        SessionDescription offer = SessionDescription.parse(text);
        assertThat(SdpAnswerer.answer(offer, whip()).media().get(1).codec().payloadType()).isEqualTo(97);
        // Sending (WHEP) cannot use mode 0: H.264 is skipped, VP8 is next.
        SessionDescription recvOffer = SessionDescription.parse(text.replace("a=sendonly", "a=recvonly"));
        SdpAnswer a = SdpAnswerer.answer(recvOffer, whep(List.of(CodecPreference.any(Codec.H264),
                CodecPreference.any(Codec.VP8), CodecPreference.any(Codec.OPUS))));
        assertThat(a.media().get(1).codec().codec()).isEqualTo(Codec.VP8);
    }

    @Test
    void dtlsRoleFollowsTheOffer() {
        String text = SdpFixtures.load(SdpFixtures.CHROME_WHIP);
        SdpAnswer active = SdpAnswerer.answer(SessionDescription.parse(text.replace("setup:actpass", "setup:passive")), whip());
        assertThat(active.dtlsClient()).isTrue();
        assertThat(active.sdp().setup(active.sdp().media().get(0)).role()).isEqualTo(SetupRole.ACTIVE);
        SdpAnswer passive = SdpAnswerer.answer(SessionDescription.parse(text.replace("setup:actpass", "setup:active")),
                whip().withSetup(SetupRole.ACTIVE));
        assertThat(passive.dtlsClient()).isFalse();
        assertThat(SdpAnswerer.answer(SessionDescription.parse(text), whip().withSetup(SetupRole.ACTIVE)).dtlsClient())
                .isTrue();
    }

    @Test
    void offersWithoutCredentialsOrCodecsAreRefused() {
        String text = SdpFixtures.load(SdpFixtures.CHROME_WHIP);
        assertThatThrownBy(() -> SdpAnswerer.answer(SessionDescription.parse(text.replaceAll("a=ice-ufrag:.*\r\n", "")), whip()))
                .extracting("reason").isEqualTo(SdpException.Reason.MISSING);
        assertThatThrownBy(() -> SdpAnswerer.answer(offer(SdpFixtures.CHROME_WHIP),
                whip().withCodecs(List.of(CodecPreference.any(Codec.AAC)))))
                .extracting("reason").isEqualTo(SdpException.Reason.NO_COMMON_CODEC);
    }
}
