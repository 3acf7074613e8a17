package io.livegate.whep;

import io.livegate.rtc.dtls.DtlsCertificate;
import io.livegate.rtc.ice.IceCredentials;
import io.livegate.rtc.rtcp.RtcpPacket;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.testing.WebRtcTestPeer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A WHEP viewer in Java for loopback tests: offers H.264 (pt 108, RTX 109) + Opus (111), does a real ICE check
 * and DTLS client handshake ({@link WebRtcTestPeer}), decrypts every SRTP/SRTCP packet it gets, and sends SRTCP
 * feedback.
 */
final class TestViewer implements AutoCloseable {

    private static final DtlsCertificate CERT = DtlsCertificate.generate();

    final BlockingQueue<RtpPacket> rtp = new LinkedBlockingQueue<>();
    final BlockingQueue<RtcpPacket> rtcp = new LinkedBlockingQueue<>();
    private final WebRtcTestPeer peer;
    final IceCredentials ice;

    TestViewer() throws Exception {
        peer = new WebRtcTestPeer(CERT, "test-viewer");
        peer.onDatagram(peer.decrypting(rtp::add, rtcp::addAll, false));
        ice = peer.ice();
    }

    String offer() {
        return offer(ice, peer.fingerprint());
    }

    /** A browser-like recvonly offer: H.264 (pt 108, RTX 109) and Opus (111), BUNDLE, rtcp-mux. */
    static String offer(IceCredentials ice, String fingerprint) {
        String common = "c=IN IP4 0.0.0.0\r\na=ice-ufrag:" + ice.ufrag() + "\r\na=ice-pwd:" + ice.pwd()
                + "\r\na=fingerprint:" + fingerprint + "\r\na=setup:actpass\r\na=recvonly\r\n"
                + "a=rtcp-mux\r\n";
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 108 109\r\n" + common + "a=mid:0\r\n"
                + "a=rtpmap:108 H264/90000\r\na=rtcp-fb:108 nack\r\na=rtcp-fb:108 nack pli\r\n"
                + "a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n"
                + "a=rtpmap:109 rtx/90000\r\na=fmtp:109 apt=108\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" + common + "a=mid:1\r\na=rtpmap:111 opus/48000/2\r\n";
    }

    /**
     * Our answer to a server offer (server-offer mode): the offer's first video payload type with its RTX and
     * fmtp, Opus, {@code a=setup:active} (we are the DTLS client, as {@link #connect} does).
     */
    String answer(String offer) {
        String fmtp = line(offer, "a=fmtp:");
        String pt = fmtp.split(" ")[0];
        String rtx = offer.lines().filter(l -> l.startsWith("a=fmtp:") && l.endsWith(" apt=" + pt)).findFirst()
                .orElseThrow().substring("a=fmtp:".length()).split(" ")[0];
        String common = "c=IN IP4 0.0.0.0\r\na=ice-ufrag:" + ice.ufrag() + "\r\na=ice-pwd:" + ice.pwd()
                + "\r\na=fingerprint:" + peer.fingerprint() + "\r\na=setup:active\r\na=recvonly\r\n"
                + "a=rtcp-mux\r\n";
        boolean audio = offer.contains("m=audio");
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0" + (audio ? " 1" : "") + "\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF " + pt + " " + rtx + "\r\n" + common + "a=mid:0\r\n"
                + "a=rtpmap:" + pt + " H264/90000\r\na=rtcp-fb:" + pt + " nack\r\na=rtcp-fb:" + pt + " nack pli\r\n"
                + "a=fmtp:" + fmtp + "\r\na=rtpmap:" + rtx + " rtx/90000\r\na=fmtp:" + rtx + " apt=" + pt + "\r\n"
                + (audio ? "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" + common + "a=mid:1\r\na=rtpmap:111 opus/48000/2\r\n"
                : "");
    }

    static String line(String sdp, String prefix) {
        return WebRtcTestPeer.line(sdp, prefix);
    }

    /** ICE check with USE-CANDIDATE on the answer's UDP candidate, then the DTLS client handshake. */
    void connect(String answer) throws Exception {
        peer.connect(answer);
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
