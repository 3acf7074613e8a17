package io.livegate.whip;

import io.livegate.rtc.dtls.DtlsCertificate;
import io.livegate.rtc.ice.IceCredentials;
import io.livegate.rtc.rtcp.RtcpPacket;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.testing.WebRtcTestPeer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A WHIP publisher in Java for loopback tests: offers H.264 (pt 102, RTX 103, transport-cc ext 3) and Opus
 * (pt 111) with announced SSRCs, does a real ICE check and DTLS client handshake ({@link WebRtcTestPeer}),
 * SRTP-protects what it sends, and decrypts the RTCP the server sends back.
 */
final class TestPublisher implements AutoCloseable {

    private static final DtlsCertificate CERT = DtlsCertificate.generate();
    static final int VIDEO_SSRC = 0x1111_0001;
    static final int RTX_SSRC = 0x1111_0002;
    static final int AUDIO_SSRC = 0x2222_0001;

    final BlockingQueue<RtcpPacket> rtcp = new LinkedBlockingQueue<>();
    private final WebRtcTestPeer peer;
    final IceCredentials ice;

    TestPublisher() throws Exception {
        peer = new WebRtcTestPeer(CERT, "test-publisher");
        peer.onDatagram(peer.decrypting(p -> { }, rtcp::addAll, true)); // a publisher gets no media back
        ice = peer.ice();
    }

    String offer() {
        String common = "c=IN IP4 0.0.0.0\r\na=ice-ufrag:" + ice.ufrag() + "\r\na=ice-pwd:" + ice.pwd()
                + "\r\na=fingerprint:" + peer.fingerprint() + "\r\na=setup:actpass\r\na=sendonly\r\n"
                + "a=rtcp-mux\r\na=rtcp-rsize\r\n"
                + "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n";
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" + common + "a=mid:0\r\n"
                + "a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\n"
                + "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
                + "a=ssrc:" + Integer.toUnsignedString(AUDIO_SSRC) + " cname:test\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 102 103\r\n" + common + "a=mid:1\r\n"
                + "a=rtpmap:102 H264/90000\r\na=rtcp-fb:102 nack\r\na=rtcp-fb:102 nack pli\r\n"
                + "a=rtcp-fb:102 transport-cc\r\n"
                + "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n"
                + "a=rtpmap:103 rtx/90000\r\na=fmtp:103 apt=102\r\n"
                + "a=ssrc-group:FID " + Integer.toUnsignedString(VIDEO_SSRC) + " "
                + Integer.toUnsignedString(RTX_SSRC) + "\r\n"
                + "a=ssrc:" + Integer.toUnsignedString(VIDEO_SSRC) + " cname:test\r\n"
                + "a=ssrc:" + Integer.toUnsignedString(RTX_SSRC) + " cname:test\r\n";
    }

    static String line(String sdp, String prefix) {
        return WebRtcTestPeer.line(sdp, prefix);
    }

    /** ICE check with USE-CANDIDATE on the answer's UDP candidate, then the DTLS client handshake. */
    void connect(String answer) throws Exception {
        peer.connect(answer);
    }

    /** One ICE connectivity check (consent refresh). */
    void check() {
        peer.check();
    }

    /** SRTP-protects and sends one RTP packet. */
    void sendRtp(RtpPacket p) {
        peer.sendRtp(p);
    }

    /** Sends one SRTCP compound packet. */
    void sendRtcp(RtcpPacket... packets) {
        peer.sendRtcp(packets);
    }

    @Override
    public void close() {
        peer.close();
    }
}
