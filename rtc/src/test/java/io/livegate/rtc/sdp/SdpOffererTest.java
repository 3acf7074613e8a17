package io.livegate.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.media.Codec;
import io.livegate.rtc.sdp.AnswerOptions.LocalTrack;
import io.livegate.rtc.sdp.SdpAttribute.Fingerprint;
import io.livegate.rtc.sdp.SdpAttribute.SetupRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdpOffererTest {

    private static final Fingerprint FP = Fingerprint.of("sha-256", new byte[32]);

    private static SessionDescription offer() {
        return SdpOfferer.offer(OfferOptions.whep("srvU", "serverpassword0123456789", FP,
                List.of(Candidate.host("1", "udp", 2130706431L, "127.0.0.1", 8189, null)), Codec.H264, "42e01f",
                new LocalTrack("s", "v", 10, 11, "c"), new LocalTrack("s", "a", 12, 0, "c"), 5));
    }

    @Test
    void offerIsSendonlyWithRtxAndParsesBack() {
        SessionDescription o = offer();
        assertThat(SessionDescription.parse(o.write())).isEqualTo(o);
        assertThat(o.bundleMids()).containsExactly("0", "1");
        MediaDescription v = o.media().get(0);
        assertThat(v.formats()).containsExactly("102", "103");
        assertThat(v.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(o.setup(v).role()).isEqualTo(SetupRole.ACTPASS);
        assertThat(v.fmtp(102).parameterMap()).containsEntry("profile-level-id", "42e01f");
        assertThat(v.port()).isEqualTo(8189);
    }

    @Test
    void highProfileGetsAConstrainedBaselineFallback() {
        SessionDescription o = SdpOfferer.offer(OfferOptions.whep("srvU", "serverpassword0123456789", FP, List.of(),
                Codec.H264, "640028", new LocalTrack("s", "v", 10, 11, "c"), null, 5));
        MediaDescription v = o.media().get(0);
        assertThat(v.formats()).containsExactly("102", "103", "108", "109");
        assertThat(v.fmtp(108).parameterMap()).containsEntry("profile-level-id", "42e01f");
        assertThat(o.media()).hasSize(1);
    }

    @Test
    void answerBuiltBySdpAnswererIsAccepted() {
        // A recvonly answer made by answering our own offer as a WHIP server would: same shape a browser writes.
        SessionDescription o = offer();
        String answerText = o.write().replace("a=sendonly", "a=recvonly").replace("a=setup:actpass", "a=setup:active")
                .replace("a=ice-ufrag:srvU", "a=ice-ufrag:clnt").replaceAll("a=ssrc.*\r\n", "").replaceAll("a=msid:.*\r\n", "");
        SdpAnswer a = SdpOfferer.accept(o, SessionDescription.parse(answerText));
        assertThat(a.remoteUfrag()).isEqualTo("clnt");
        assertThat(a.dtlsClient()).isFalse();
        NegotiatedMedia video = a.media().get(0);
        assertThat(video.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(video.codec().codec()).isEqualTo(Codec.H264);
        assertThat(video.codec().rtxPayloadType()).isEqualTo(103);
        assertThat(video.extensionId(ExtensionUri.MID)).isEqualTo(4);
        assertThat(a.media().get(1).codec().codec()).isEqualTo(Codec.OPUS);
        String rejected = answerText.replace("m=video 8189", "m=video 0").replace("m=audio 8189", "m=audio 0");
        assertThatThrownBy(() -> SdpOfferer.accept(o, SessionDescription.parse(rejected))).extracting("reason")
                .isEqualTo(SdpException.Reason.NO_COMMON_CODEC);
    }
}
