package io.livegate.whep.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Track;
import io.livegate.rtc.dtls.DtlsCertificate;
import io.livegate.rtc.ice.IceCredentials;
import io.livegate.rtc.sdp.AnswerOptions.LocalTrack;
import io.livegate.rtc.sdp.Candidate;
import io.livegate.rtc.sdp.SdpLimits;
import io.livegate.rtc.sdp.SessionDescription;
import io.livegate.whep.TestSdp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerOffersTest {

    private static final Track HIGH = new Track(0, Codec.H264, 90_000, new CodecParameters.H264Parameters(
            List.of(TestSdp.HIGH_SPS), List.of(TestSdp.PPS)));
    private static final Track AAC = new Track(1, Codec.AAC, 48_000, new CodecParameters.AacParameters(
            new byte[] {0x11, (byte) 0x90}));
    private static final SessionDescription OFFER = offer(List.of(HIGH, AAC), true);

    private static SessionDescription offer(List<Track> tracks, boolean aacAsOpus) {
        return ServerOffers.offer(tracks, aacAsOpus, IceCredentials.random(),
                DtlsCertificate.generate().fingerprint(),
                List.of(Candidate.host("1", "udp", 2130706431L, "127.0.0.1", 8189, null)),
                new LocalTrack("livegate", "video", 1111, 2222, "cn"), new LocalTrack("livegate", "audio", 3333, 0, "cn"),
                7);
    }

    private static String answer(String videoPt, String fmtp) {
        String common = "c=IN IP4 0.0.0.0\r\na=ice-ufrag:Ab12\r\na=ice-pwd:answerpasswordanswerpwd1\r\n"
                + "a=fingerprint:" + DtlsCertificate.generate().fingerprint().toSdpValue() + "\r\na=setup:active\r\n";
        return "v=0\r\no=- 42 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF " + videoPt + "\r\n" + common + "a=mid:0\r\na=recvonly\r\na=rtcp-mux\r\n"
                + "a=rtpmap:" + videoPt + " H264/90000\r\na=fmtp:" + videoPt + " " + fmtp + "\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" + common + "a=mid:1\r\na=recvonly\r\na=rtcp-mux\r\n"
                + "a=rtpmap:111 opus/48000/2\r\n";
    }

    @Test
    void highStreamOffersItsProfileAndAConstrainedBaselineFallbackPlusOpusForAac() {
        String sdp = OFFER.write();
        assertThat(sdp).contains("a=setup:actpass", "a=ice-lite", "a=sendonly", "profile-level-id=64001f",
                "profile-level-id=42e01f", "a=rtpmap:111 opus/48000/2", "a=candidate:1 1 udp", "a=ssrc:1111",
                "a=ssrc-group:FID 1111 2222");
        assertThat(OFFER.media()).extracting(m -> m.media()).containsExactly("video", "audio");
    }

    @Test
    void aacWithoutTranscoderIsNotOffered() {
        assertThat(offer(List.of(HIGH, AAC), false).media()).extracting(m -> m.media()).containsExactly("video");
    }

    @Test
    void answerChoosingTheFallbackAgreesOnIt() throws Exception {
        String fmtp = OFFER.write().lines().filter(l -> l.contains("profile-level-id=42e01f")).findFirst()
                .orElseThrow().substring("a=fmtp:".length());
        String pt = fmtp.split(" ")[0];
        ServerOffers.Agreed a = ServerOffers.accept(OFFER, answer(pt, fmtp.substring(pt.length() + 1)),
                List.of(HIGH, AAC), SdpLimits.DEFAULT);
        assertThat(a.video().codec().payloadType()).isEqualTo(Integer.parseInt(pt));
        assertThat(a.video().codec().parameters()).containsEntry("profile-level-id", "42e01f");
        assertThat(a.video().codec().hasRtx()).isFalse(); // the answer kept no RTX
        assertThat(a.audio().codec().codec()).isEqualTo(Codec.OPUS);
        assertThat(a.answer().remoteUfrag()).isEqualTo("Ab12");
        assertThat(a.answer().dtlsClient()).isFalse(); // a=setup:active: we are the DTLS server
    }

    @Test
    void answerWithoutCredentialsOrVideoIsRefused() {
        String noVideo = answer("102", "packetization-mode=1").replace("m=video 9", "m=video 0");
        assertThatThrownBy(() -> ServerOffers.accept(OFFER, noVideo, List.of(HIGH, AAC), SdpLimits.DEFAULT))
                .isInstanceOfSatisfying(WhepException.class,
                        e -> assertThat(e.reason()).isEqualTo(WhepException.Reason.NO_COMMON_CODEC));
        String noPwd = answer("102", "packetization-mode=1").replace("a=ice-pwd:answerpasswordanswerpwd1\r\n", "");
        assertThatThrownBy(() -> ServerOffers.accept(OFFER, noPwd, List.of(HIGH, AAC), SdpLimits.DEFAULT))
                .isInstanceOfSatisfying(WhepException.class,
                        e -> assertThat(e.reason()).isEqualTo(WhepException.Reason.BAD_OFFER));
    }

    /** Any text as the answer to our offer: only WhepException (a 4xx) may come out. */
    @FuzzTest(maxDuration = "20s")
    void fuzzAccept(byte[] data) {
        try {
            ServerOffers.Agreed a = ServerOffers.accept(OFFER, new String(data, StandardCharsets.UTF_8),
                    List.of(HIGH, AAC), SdpLimits.DEFAULT);
            assertThat(a.video()).isNotNull();
        } catch (WhepException refused) {
            // 4xx
        }
    }
}
