package io.livegate.whep;

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
 * A WHEP viewer in Java for loopback tests: offers H.264 (pt 108, RTX 109) + Opus (111), does a real ICE check
 * and DTLS client handshake, decrypts every SRTP/SRTCP packet it gets, and sends SRTCP feedback.
 */
final class TestViewer implements AutoCloseable {

    private static final DtlsCertificate CERT = DtlsCertificate.generate();

    final IceCredentials ice = IceCredentials.random();
    final BlockingQueue<RtpPacket> rtp = new LinkedBlockingQueue<>();
    final BlockingQueue<RtcpPacket> rtcp = new LinkedBlockingQueue<>();
    private final DatagramSocket socket;
    private volatile SrtpContext srtpIn;
    private SrtpContext srtpOut;
    private InetSocketAddress server;
    private DtlsPacketTransport dtls;
    private volatile boolean closed;
    /** SRTP that arrived before our side of DTLS finished (the server may start sending first). */
    private final java.util.List<byte[]> early = new java.util.ArrayList<>();

    TestViewer() throws Exception {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    String offer() {
        String common = "c=IN IP4 0.0.0.0\r\na=ice-ufrag:" + ice.ufrag() + "\r\na=ice-pwd:" + ice.pwd()
                + "\r\na=fingerprint:" + CERT.fingerprint().toSdpValue() + "\r\na=setup:actpass\r\na=recvonly\r\n"
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
                + "\r\na=fingerprint:" + CERT.fingerprint().toSdpValue() + "\r\na=setup:active\r\na=recvonly\r\n"
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
        Thread.ofPlatform().daemon().name("test-viewer").start(this::receive);
        byte[] tid = new byte[12];
        ThreadLocalRandom.current().nextBytes(tid);
        send(new StunMessage(StunMessageType.BINDING_REQUEST, tid, List.of(
                new StunAttribute.Username(remote.ufrag() + ":" + ice.ufrag()),
                new StunAttribute.Priority(1853824767L),
                new StunAttribute.IceControlling(ThreadLocalRandom.current().nextLong()),
                new StunAttribute.UseCandidate())).encode(StunCredentials.shortTermKey(remote.pwd()), true));
        SrtpKeyingMaterial km = DtlsHandshake.run(DtlsRole.CLIENT, CERT, fp, dtls, DtlsConfig.DEFAULTS)
                .keyingMaterial();
        SrtpProfile profile = SrtpProfile.fromDtlsId(km.profile().id());
        srtpOut = new SrtpContext(new SrtpKeys(km.protectKey(DtlsRole.CLIENT), km.protectSalt(DtlsRole.CLIENT), profile));
        synchronized (early) {
            srtpIn = new SrtpContext(new SrtpKeys(km.unprotectKey(DtlsRole.CLIENT), km.unprotectSalt(DtlsRole.CLIENT),
                    profile));
            for (byte[] d : early) {
                media(d);
            }
            early.clear();
        }
    }

    private void media(byte[] d) {
        int pt = d[1] & 0xFF;
        if (pt >= 192 && pt <= 223) {
            int n = srtpIn.unprotectRtcp(d, 0, d.length);
            rtcp.addAll(RtcpPackets.parseCompound(Arrays.copyOf(d, n)));
        } else {
            int n = srtpIn.unprotectRtp(d, 0, d.length);
            rtp.add(RtpPacket.parse(d, 0, n));
        }
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
                } else if (first >= 128 && first <= 191 && d.length > 12) {
                    synchronized (early) {
                        if (srtpIn == null) {
                            early.add(d);
                        } else {
                            media(d);
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

    @Override
    public void close() {
        closed = true;
        socket.close();
        if (dtls != null) {
            dtls.close();
        }
    }
}
