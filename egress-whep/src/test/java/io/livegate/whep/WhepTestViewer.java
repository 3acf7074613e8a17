package io.livegate.whep;

import io.livegate.rtc.dtls.DtlsCertificate;
import io.livegate.rtc.dtls.DtlsConfig;
import io.livegate.rtc.dtls.DtlsFingerprint;
import io.livegate.rtc.dtls.DtlsHandshake;
import io.livegate.rtc.dtls.DtlsPacketTransport;
import io.livegate.rtc.dtls.DtlsRole;
import io.livegate.rtc.dtls.DtlsSession;
import io.livegate.rtc.dtls.SrtpKeyingMaterial;
import io.livegate.rtc.ice.IceCredentials;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bare WHEP viewer for the measurement tools: POSTs an H.264 + Opus offer, does real ICE (a controlling check
 * with USE-CANDIDATE) and a real DTLS client handshake, derives the SRTP keys, and hands every other datagram
 * (SRTP, SRTCP, STUN answers) to a handler on its reader thread. Loopback UDP only.
 */
final class WhepTestViewer implements AutoCloseable {

    /** Gets each received datagram that is not DTLS; {@code buf} is reused after the call returns. */
    interface DatagramHandler {
        void onDatagram(byte[] buf, int len);
    }

    private final HttpClient http;
    private final DatagramSocket socket;
    private final URI resource;
    private final InetSocketAddress target;
    private final IceCredentials server;
    private final IceCredentials local;
    private final Thread reader;
    private volatile SrtpContext srtp;

    private WhepTestViewer(HttpClient http, DatagramSocket socket, URI resource, InetSocketAddress target,
                           IceCredentials server, IceCredentials local, Thread reader) {
        this.http = http;
        this.socket = socket;
        this.resource = resource;
        this.target = target;
        this.server = server;
        this.local = local;
        this.reader = reader;
    }

    static WhepTestViewer connect(HttpClient http, String url, DtlsCertificate cert, DatagramHandler handler)
            throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try {
            socket.setReceiveBufferSize(1 << 20);
            IceCredentials local = IceCredentials.random();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/sdp").POST(HttpRequest.BodyPublishers.ofString(
                            offer(local, cert.fingerprint().toSdpValue()))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("POST " + r.statusCode() + ": " + r.body());
            }
            String answer = r.body();
            IceCredentials server = new IceCredentials(line(answer, "a=ice-ufrag:"), line(answer, "a=ice-pwd:"));
            DtlsFingerprint fp = DtlsFingerprint.parse(line(answer, "a=fingerprint:"));
            int port = -1;
            for (String l : answer.split("\r\n")) {
                if (l.startsWith("a=candidate:") && l.contains(" udp ")) {
                    port = Integer.parseInt(l.split(" ")[5]);
                }
            }
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            DtlsPacketTransport dtls = new DtlsPacketTransport(d -> send(socket, target, d), DtlsConfig.DEFAULT_MTU,
                    256);
            Thread reader = Thread.ofVirtual().start(() -> receive(socket, dtls, handler));
            URI resource = URI.create(url).resolve(r.headers().firstValue("Location").orElseThrow());
            WhepTestViewer v = new WhepTestViewer(http, socket, resource, target, server, local, reader);
            v.checkConsent();
            DtlsSession session = DtlsHandshake.run(DtlsRole.CLIENT, cert, fp, dtls, DtlsConfig.DEFAULTS);
            SrtpKeyingMaterial km = session.keyingMaterial();
            v.srtp = new SrtpContext(new SrtpKeys(km.unprotectKey(DtlsRole.CLIENT), km.unprotectSalt(DtlsRole.CLIENT),
                    SrtpProfile.fromDtlsId(km.profile().id())));
            return v;
        } catch (Exception e) {
            socket.close();
            throw e;
        }
    }

    /** The context that unprotects what the server sends; set once connected. */
    SrtpContext srtp() {
        return srtp;
    }

    /** A connectivity check: the first one nominates the pair, later ones keep consent (RFC 7675, every ~5 s). */
    void checkConsent() {
        byte[] tid = new byte[12];
        ThreadLocalRandom.current().nextBytes(tid);
        send(socket, target, new StunMessage(StunMessageType.BINDING_REQUEST, tid, List.of(
                new StunAttribute.Username(server.ufrag() + ":" + local.ufrag()),
                new StunAttribute.Priority(1853824767L),
                new StunAttribute.IceControlling(ThreadLocalRandom.current().nextLong()),
                new StunAttribute.UseCandidate())).encode(StunCredentials.shortTermKey(server.pwd()), true));
    }

    /** DELETEs the session and stops reading. */
    @Override
    public void close() throws Exception {
        try {
            http.send(HttpRequest.newBuilder(resource).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } finally {
            socket.close();
            reader.join(2000);
        }
    }

    private static void receive(DatagramSocket socket, DtlsPacketTransport dtls, DatagramHandler handler) {
        byte[] buf = new byte[2048];
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                int first = buf[0] & 0xFF;
                if (first >= 20 && first <= 63) {
                    dtls.offer(Arrays.copyOf(buf, p.getLength()));
                } else {
                    handler.onDatagram(buf, p.getLength());
                }
            }
        } catch (Exception closed) {
            // socket closed
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, byte[] d) {
        try {
            socket.send(new DatagramPacket(d, d.length, to));
        } catch (Exception e) {
            // closing
        }
    }

    private static String line(String sdp, String prefix) {
        for (String l : sdp.split("\r\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length());
            }
        }
        throw new IllegalStateException("answer without " + prefix);
    }

    private static String offer(IceCredentials ice, String fingerprint) {
        String common = "c=IN IP4 0.0.0.0\r\na=ice-ufrag:" + ice.ufrag() + "\r\na=ice-pwd:" + ice.pwd()
                + "\r\na=fingerprint:" + fingerprint + "\r\na=setup:actpass\r\na=recvonly\r\na=rtcp-mux\r\n";
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 108 109\r\n" + common + "a=mid:0\r\n"
                + "a=rtpmap:108 H264/90000\r\na=rtcp-fb:108 nack\r\na=rtcp-fb:108 nack pli\r\n"
                + "a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n"
                + "a=rtpmap:109 rtx/90000\r\na=fmtp:109 apt=108\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" + common + "a=mid:1\r\na=rtpmap:111 opus/48000/2\r\n";
    }
}
