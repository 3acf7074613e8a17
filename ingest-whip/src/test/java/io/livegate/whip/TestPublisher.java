package io.livegate.whip;

import io.livegate.rtc.dtls.DtlsCertificate;
import io.livegate.rtc.dtls.DtlsConfig;
import io.livegate.rtc.dtls.DtlsFingerprint;
import io.livegate.rtc.dtls.DtlsHandshake;
import io.livegate.rtc.dtls.DtlsPacketTransport;
import io.livegate.rtc.dtls.DtlsRole;
import io.livegate.rtc.dtls.SrtpKeyingMaterial;
import io.livegate.rtc.ice.IceCredentials;
import io.livegate.rtc.rtcp.RtcpPacket;
import io.livegate.rtc.rtcp.RtcpPackets;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.srtp.SrtpContext;
import io.livegate.rtc.srtp.SrtpKeys;
import io.livegate.rtc.srtp.SrtpProfile;
import io.livegate.rtc.stun.StunAttribute;
import io.livegate.rtc.stun.StunCredentials;
import io.livegate.rtc.stun.StunMessage;
import io.livegate.rtc.stun.StunMessageType;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WHIP publisher in Java for loopback tests: offers H.264 (pt 102, RTX 103, transport-cc ext 3) and Opus
 * (pt 111) with announced SSRCs, does a real ICE check and DTLS client handshake, SRTP-protects what it sends, and
 * decrypts the RTCP the server sends back.
 */
final class TestPublisher implements AutoCloseable {

    private static final DtlsCertificate CERT = DtlsCertificate.generate();
    static final int VIDEO_SSRC = 0x1111_0001;
    static final int RTX_SSRC = 0x1111_0002;
    static final int AUDIO_SSRC = 0x2222_0001;

    final IceCredentials ice = IceCredentials.random();
    final BlockingQueue<RtcpPacket> rtcp = new LinkedBlockingQueue<>();
    private final DatagramSocket socket;
    private volatile SrtpContext srtpIn;
    private SrtpContext srtpOut;
    private InetSocketAddress server;
    private DtlsPacketTransport dtls;
    private volatile boolean closed;
    /** SRTCP that arrived before our side of DTLS finished (the server finishes first and may send at once). */
    private final List<byte[]> early = new java.util.ArrayList<>();

    TestPublisher() throws Exception {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    String offer() {
        String common = "c=IN IP4 0.0.0.0\r\na=ice-ufrag:" + ice.ufrag() + "\r\na=ice-pwd:" + ice.pwd()
                + "\r\na=fingerprint:" + CERT.fingerprint().toSdpValue() + "\r\na=setup:actpass\r\na=sendonly\r\n"
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
        for (String l : sdp.split("\r\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length());
            }
        }
        throw new IllegalStateException("no " + prefix + " in\n" + sdp);
    }

    /** ICE check with USE-CANDIDATE on the answer's UDP candidate, then the DTLS client handshake. */
    void connect(String answer) throws Exception {
        IceCredentials remote = new IceCredentials(line(answer, "a=ice-ufrag:"), line(answer, "a=ice-pwd:"));
        DtlsFingerprint fp = DtlsFingerprint.parse(line(answer, "a=fingerprint:"));
        int port = -1;
        for (String l : answer.split("\r\n")) {
            if (l.startsWith("a=candidate:") && l.contains(" udp ")) {
                port = Integer.parseInt(l.split(" ")[5]);
            }
        }
        server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        dtls = new DtlsPacketTransport(this::send, DtlsConfig.DEFAULT_MTU, 256);
        Thread.ofPlatform().daemon().name("test-publisher").start(this::receive);
        check(remote);
        SrtpKeyingMaterial km = DtlsHandshake.run(DtlsRole.CLIENT, CERT, fp, dtls, DtlsConfig.DEFAULTS)
                .keyingMaterial();
        SrtpProfile profile = SrtpProfile.fromDtlsId(km.profile().id());
        srtpOut = new SrtpContext(new SrtpKeys(km.protectKey(DtlsRole.CLIENT), km.protectSalt(DtlsRole.CLIENT),
                profile));
        synchronized (early) {
            srtpIn = new SrtpContext(new SrtpKeys(km.unprotectKey(DtlsRole.CLIENT), km.unprotectSalt(DtlsRole.CLIENT),
                    profile));
            for (byte[] d : early) {
                rtcp(d);
            }
            early.clear();
        }
        this.remote = remote;
    }

    private IceCredentials remote;

    /** One ICE connectivity check (consent refresh). */
    void check() {
        check(remote);
    }

    private void check(IceCredentials remote) {
        byte[] tid = new byte[12];
        ThreadLocalRandom.current().nextBytes(tid);
        send(new StunMessage(StunMessageType.BINDING_REQUEST, tid, List.of(
                new StunAttribute.Username(remote.ufrag() + ":" + ice.ufrag()),
                new StunAttribute.Priority(1853824767L),
                new StunAttribute.IceControlling(ThreadLocalRandom.current().nextLong()),
                new StunAttribute.UseCandidate())).encode(StunCredentials.shortTermKey(remote.pwd()), true));
    }

    /** SRTP-protects and sends one RTP packet. */
    synchronized void sendRtp(RtpPacket p) {
        byte[] b = p.toBytes(srtpOut.profile().rtpTagLength());
        int n = srtpOut.protectRtp(b, 0, b.length - srtpOut.profile().rtpTagLength());
        send(Arrays.copyOf(b, n));
    }

    /** Sends one SRTCP compound packet. */
    synchronized void sendRtcp(RtcpPacket... packets) {
        byte[] b = RtcpPackets.writeCompound(List.of(packets), srtpOut.profile().rtcpOverhead());
        int n = srtpOut.protectRtcp(b, 0, b.length - srtpOut.profile().rtcpOverhead());
        send(Arrays.copyOf(b, n));
    }

    private void send(byte[] d) {
        try {
            socket.send(new DatagramPacket(d, d.length, server));
        } catch (Exception e) {
            if (!closed) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void receive() {
        byte[] buf = new byte[4096];
        try {
            while (!closed) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] d = Arrays.copyOf(buf, p.getLength());
                int first = d[0] & 0xFF;
                if (first >= 20 && first <= 63) {
                    dtls.offer(d);
                } else if (first >= 128 && first <= 191 && d.length > 12 && (d[1] & 0xFF) >= 192
                        && (d[1] & 0xFF) <= 223) {
                    synchronized (early) {
                        if (srtpIn == null) {
                            early.add(d);
                        } else {
                            rtcp(d);
                        }
                    }
                }
            }
        } catch (Exception e) {
            if (!closed) {
                e.printStackTrace();
            }
        }
    }

    private void rtcp(byte[] d) {
        int n = srtpIn.unprotectRtcp(d, 0, d.length);
        rtcp.addAll(RtcpPackets.parseCompound(Arrays.copyOf(d, n)));
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        if (dtls != null) {
            dtls.close();
        }
    }
}
