package io.livegate.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.rtc.sdp.SdpAttribute.ExtMap;
import io.livegate.rtc.sdp.SdpAttribute.Fmtp;
import io.livegate.rtc.sdp.SdpAttribute.Rid;
import io.livegate.rtc.sdp.SdpAttribute.RtpMap;
import io.livegate.rtc.sdp.SdpAttribute.SetupRole;
import io.livegate.rtc.sdp.SdpAttribute.Simulcast;
import io.livegate.rtc.sdp.SdpAttribute.SimulcastRid;
import io.livegate.rtc.sdp.SdpAttribute.SsrcGroup;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SessionDescriptionTest {

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.CHROME_WHIP, SdpFixtures.CHROME_SIMULCAST, SdpFixtures.CHROME_WHEP,
            SdpFixtures.FIREFOX_WHIP, SdpFixtures.OBS_WHIP, SdpFixtures.GSTREAMER_WHIP})
    void realOffersWriteBackByteForByte(String name) {
        String text = SdpFixtures.load(name);
        SessionDescription sdp = SessionDescription.parse(text);
        assertThat(sdp.write()).isEqualTo(text);
        assertThat(SessionDescription.parse(sdp.write())).isEqualTo(sdp);
    }

    @Test
    void chromeWhipOfferIsTyped() {
        SessionDescription sdp = SessionDescription.parse(SdpFixtures.load(SdpFixtures.CHROME_WHIP));
        assertThat(sdp.bundleMids()).containsExactly("0", "1");
        assertThat(sdp.has("extmap-allow-mixed")).isTrue();
        assertThat(sdp.media()).hasSize(2);
        MediaDescription audio = sdp.media().get(0);
        MediaDescription video = sdp.media().get(1);
        assertThat(audio.media()).isEqualTo("audio");
        assertThat(audio.mid()).isEqualTo("0");
        assertThat(audio.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(audio.rtpMap(111)).isEqualTo(new RtpMap(111, "opus", 48000, 2));
        assertThat(audio.fmtp(111).parameterMap()).containsEntry("useinbandfec", "1").containsEntry("minptime", "10");
        assertThat(audio.has("rtcp-mux")).isTrue();
        assertThat(sdp.iceUfrag(audio)).isEqualTo("ZN5d");
        assertThat(sdp.fingerprint(audio).hashFunction()).isEqualTo("sha-256");
        assertThat(sdp.fingerprint(audio).bytes()).hasSize(32);
        assertThat(sdp.setup(audio).role()).isEqualTo(SetupRole.ACTPASS);
        List<Candidate> cands = audio.candidates();
        assertThat(cands).hasSize(2);
        assertThat(cands.get(0).isUdp()).isTrue();
        assertThat(cands.get(0).address()).isEqualTo("127.0.0.1");
        assertThat(cands.get(0).priority()).isEqualTo(2122260223L);
        assertThat(cands.get(0).extension("network-cost")).isEqualTo("50");
        assertThat(cands.get(1).tcpType()).isEqualTo("active");
        assertThat(video.extMaps()).extracting(ExtMap::uri).contains(ExtensionUri.TRANSPORT_CC, ExtensionUri.MID,
                ExtensionUri.RID, ExtensionUri.REPAIRED_RID, ExtensionUri.ABS_SEND_TIME);
        assertThat(video.rtcpFeedback(102)).extracting(SdpAttribute.RtcpFb::feedback)
                .containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
        assertThat(video.attribute(SsrcGroup.class).ssrcs()).containsExactly(1846794214L, 2927325314L);
        assertThat(video.payloadTypes()).hasSize(23);
    }

    @Test
    void simulcastAndRids() {
        SessionDescription sdp = SessionDescription.parse(SdpFixtures.load(SdpFixtures.CHROME_SIMULCAST));
        MediaDescription video = sdp.media().get(1);
        assertThat(video.attributes(Rid.class)).extracting(Rid::id).containsExactly("q", "h", "f");
        Simulcast sc = video.attribute(Simulcast.class);
        assertThat(sc.firstRids(true)).containsExactly("q", "h", "f");
        assertThat(sc.recv()).isEmpty();
    }

    @Test
    void firefoxShapes() {
        SessionDescription sdp = SessionDescription.parse(SdpFixtures.load(SdpFixtures.FIREFOX_WHIP));
        MediaDescription video = sdp.media().get(1);
        assertThat(sdp.fingerprint(video)).isNotNull(); // session level
        ExtMap playout = video.extMaps().stream().filter(e -> e.id() == 6).findFirst().orElseThrow();
        assertThat(playout.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(video.candidates().get(0).transport()).isEqualTo("UDP");
        assertThat(video.has("end-of-candidates")).isTrue();
        assertThat(sdp.media().get(0).fmtp(101).parameterMap()).containsEntry("0-15", "");
    }

    @Test
    void attributeGrammarsRoundTrip() {
        String text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=ice-lite\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\nb=AS:2500\r\n"
                + "a=simulcast:send 1,~2;3 recv 4\r\na=rid:1 send pt=96;max-width=1280\r\n"
                + "a=extmap:2/sendonly urn:x attr1 attr2\r\na=ssrc:4294967295 label\r\n"
                + "a=candidate:abc 1 udp 1 10.0.0.1 1000 typ srflx raddr 192.168.0.1 rport 2000 generation 0\r\n"
                + "a=msid:- t\r\na=x-custom:anything: at all\r\na=flag\r\n";
        SessionDescription sdp = SessionDescription.parse(text);
        assertThat(sdp.write()).isEqualTo(text);
        MediaDescription m = sdp.media().get(0);
        Simulcast sc = m.attribute(Simulcast.class);
        assertThat(sc.send()).containsExactly(List.of(new SimulcastRid("1", false), new SimulcastRid("2", true)),
                List.of(new SimulcastRid("3", false)));
        assertThat(m.attribute(Rid.class).payloadTypes()).containsExactly(96);
        Candidate c = m.candidates().get(0);
        assertThat(c.relatedAddress()).isEqualTo("192.168.0.1");
        assertThat(c.relatedPort()).isEqualTo(2000);
        assertThat(m.otherValue("x-custom")).isEqualTo("anything: at all");
        assertThat(m.has("flag")).isTrue();
        assertThat(m.bandwidths()).containsExactly("AS:2500");
    }

    @Test
    void trickleCandidateWithPrefix() {
        Candidate c = Candidate.parse("candidate:1 1 udp 2122260223 192.168.1.5 50000 typ host");
        assertThat(c.port()).isEqualTo(50000);
        assertThat(Candidate.parse(c.attributeValue())).isEqualTo(c);
    }

    @Test
    void malformedAndOversizedInputIsNamed() {
        assertThatThrownBy(() -> SessionDescription.parse("")).extracting("reason")
                .isEqualTo(SdpException.Reason.MALFORMED_LINE);
        assertThatThrownBy(() -> SessionDescription.parse("v=1\r\n")).extracting("reason")
                .isEqualTo(SdpException.Reason.MALFORMED_LINE);
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\ns=-\r\n")).extracting("reason")
                .isEqualTo(SdpException.Reason.MISSING);
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 x\r\ns=-\r\nhello\r\n"))
                .extracting("reason").isEqualTo(SdpException.Reason.MALFORMED_LINE);
        String base = "v=0\r\no=- 1 2 IN IP4 x\r\ns=-\r\n";
        assertThatThrownBy(() -> SessionDescription.parse(base + "m=audio 9 RTP/AVP 0\r\na=rtpmap:200 x/1\r\n"))
                .extracting("reason").isEqualTo(SdpException.Reason.BAD_ATTRIBUTE);
        assertThatThrownBy(() -> SessionDescription.parse(base + "a=candidate:1 1 udp x 1.2.3.4 5 typ host\r\n"))
                .extracting("reason").isEqualTo(SdpException.Reason.BAD_ATTRIBUTE);
        assertThatThrownBy(() -> SessionDescription.parse(base + "a=setup:sideways\r\n"))
                .extracting("reason").isEqualTo(SdpException.Reason.BAD_ATTRIBUTE);
        assertThatThrownBy(() -> SessionDescription.parse(base + "m=audio 70000 RTP/AVP 0\r\n"))
                .extracting("reason").isEqualTo(SdpException.Reason.MALFORMED_LINE);
        SdpLimits small = new SdpLimits(200, 5, 50, 1);
        assertThatThrownBy(() -> SessionDescription.parse(base + "x".repeat(300), small)).extracting("reason")
                .isEqualTo(SdpException.Reason.TOO_LARGE);
        assertThatThrownBy(() -> SessionDescription.parse(base + "t=0 0\r\na=a\r\na=b\r\n", small)).extracting("reason")
                .isEqualTo(SdpException.Reason.TOO_MANY);
        assertThatThrownBy(() -> SessionDescription.parse(base + "a=" + "y".repeat(60) + "\r\n", small))
                .extracting("reason").isEqualTo(SdpException.Reason.TOO_MANY);
        assertThatThrownBy(() -> SessionDescription.parse(base + "m=audio 9 RTP/AVP 0\r\nm=video 9 RTP/AVP 96\r\n", small))
                .extracting("reason").isEqualTo(SdpException.Reason.TOO_MANY);
    }

    @Test
    void lfLineEndsAreAccepted() {
        String crlf = SdpFixtures.load(SdpFixtures.CHROME_WHEP);
        assertThat(SessionDescription.parse(crlf.replace("\r\n", "\n"))).isEqualTo(SessionDescription.parse(crlf));
    }

    @Test
    void fmtpParameterMapIsOrderedAndLowerCased() {
        Fmtp f = new Fmtp("102", "level-asymmetry-allowed=1;Packetization-Mode=1; profile-level-id=42e01f");
        assertThat(f.parameterMap()).containsExactly(java.util.Map.entry("level-asymmetry-allowed", "1"),
                java.util.Map.entry("packetization-mode", "1"), java.util.Map.entry("profile-level-id", "42e01f"));
    }
}
