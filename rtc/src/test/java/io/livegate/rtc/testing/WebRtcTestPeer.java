package io.livegate.rtc.testing;

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
import io.livegate.rtc.signaling.SessionSrtp;
import io.livegate.rtc.srtp.SrtpContext;
import io.livegate.rtc.stun.StunAttribute;
import io.livegate.rtc.stun.StunCredentials;
import io.livegate.rtc.stun.StunMessage;
import io.livegate.rtc.stun.StunMessageType;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A WebRTC peer in Java for loopback tests of WHIP and WHEP, standing in for a browser: it takes the server's SDP
 * answer (or offer), sends a controlling ICE check with USE-CANDIDATE to the answer's UDP candidate, runs the DTLS
 * client handshake, and holds the SRTP contexts both ways. Its reader thread hands DTLS to the handshake and every
 * other datagram to a {@link DatagramHandler}; {@link #decrypting} builds one that unprotects SRTP/SRTCP, holding
 * what arrives before the keys exist (the server may finish DTLS and send first). The SDP is the caller's.
 */
public final class WebRtcTestPeer implements AutoCloseable {

    /** Gets each received datagram that is not DTLS; {@code buf} is reused after the call returns. */
    public interface DatagramHandler {
        void onDatagram(byte[] buf, int len);
    }

    /** Large enough for a burst of a few hundred packets at once (a GOP-cache start) without kernel drops. */
    private static final int RECEIVE_BUFFER = 1 << 20;

    private final IceCredentials ice = IceCredentials.random();
    private final DtlsCertificate certificate;
    private final DatagramSocket socket;
    private final String threadName;
    private DatagramHandler handler = (buf, len) -> { };
    private volatile InetSocketAddress server;
    private volatile IceCredentials remote;
    private volatile DtlsPacketTransport dtls;
    private volatile Thread reader;
    private volatile SrtpContext srtpIn;
    private SrtpContext srtpOut;
    private volatile boolean closed;

    /**
     * A peer on an ephemeral loopback UDP port.
     *
     * @param threadName the reader thread's name
     */
    public WebRtcTestPeer(DtlsCertificate certificate, String threadName) throws SocketException {
        this.certificate = certificate;
        this.threadName = threadName;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(RECEIVE_BUFFER);
    }

    /** Where non-DTLS datagrams go; set before {@link #connect}. */
    public WebRtcTestPeer onDatagram(DatagramHandler h) {
        this.handler = h;
        return this;
    }

    /** Our ICE credentials, for the SDP. */
    public IceCredentials ice() {
        return ice;
    }

    /** Our certificate's {@code a=fingerprint} value. */
    public String fingerprint() {
        return certificate.fingerprint().toSdpValue();
    }

    /**
     * Starts the reader, sends the nominating check to the UDP candidate of {@code remoteSdp}, and runs the DTLS
     * client handshake; returns once both SRTP contexts exist.
     */
    public void connect(String remoteSdp) throws Exception {
        remote = new IceCredentials(line(remoteSdp, "a=ice-ufrag:"), line(remoteSdp, "a=ice-pwd:"));
        DtlsFingerprint fp = DtlsFingerprint.parse(line(remoteSdp, "a=fingerprint:"));
        int port = -1;
        for (String l : remoteSdp.split("\r\n")) {
            if (l.startsWith("a=candidate:") && l.contains(" udp ")) {
                port = Integer.parseInt(l.split(" ")[5]);
            }
        }
        server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        dtls = new DtlsPacketTransport(this::send, DtlsConfig.DEFAULT_MTU, 256);
        reader = Thread.ofVirtual().name(threadName).start(this::receive);
        check();
        SrtpKeyingMaterial km = DtlsHandshake.run(DtlsRole.CLIENT, certificate, fp, dtls, DtlsConfig.DEFAULTS)
                .keyingMaterial();
        SessionSrtp srtp = SessionSrtp.of(km, DtlsRole.CLIENT);
        srtpOut = srtp.out();
        srtpIn = srtp.in();
        if (handler instanceof Decrypting d) {
            d.keysReady();
        }
    }

    /** A connectivity check: the first one nominates the pair, later ones keep consent (RFC 7675, every ~5 s). */
    public void check() {
        byte[] tid = new byte[12];
        ThreadLocalRandom.current().nextBytes(tid);
        send(new StunMessage(StunMessageType.BINDING_REQUEST, tid, List.of(
                new StunAttribute.Username(remote.ufrag() + ":" + ice.ufrag()),
                new StunAttribute.Priority(1853824767L),
                new StunAttribute.IceControlling(ThreadLocalRandom.current().nextLong()),
                new StunAttribute.UseCandidate())).encode(StunCredentials.shortTermKey(remote.pwd()), true));
    }

    /** The context that unprotects what the server sends; null before {@link #connect} returns. */
    public SrtpContext srtpIn() {
        return srtpIn;
    }

    /** SRTP-protects and sends one RTP packet. */
    public synchronized void sendRtp(RtpPacket p) {
        byte[] b = p.toBytes(srtpOut.profile().rtpTagLength());
        int n = srtpOut.protectRtp(b, 0, b.length - srtpOut.profile().rtpTagLength());
        send(Arrays.copyOf(b, n));
    }

    /** Sends one SRTCP compound packet. */
    public synchronized void sendRtcp(RtcpPacket... packets) {
        byte[] b = RtcpPackets.writeCompound(List.of(packets), srtpOut.profile().rtcpOverhead());
        int n = srtpOut.protectRtcp(b, 0, b.length - srtpOut.profile().rtcpOverhead());
        send(Arrays.copyOf(b, n));
    }

    /**
     * A handler that unprotects SRTP and SRTCP datagrams (RFC 7983 first byte 128-191) and hands them to {@code rtp}
     * and {@code rtcp} on the reader thread; with {@code rtcpOnly} RTP is skipped; others (STUN answers) are
     * dropped. Pass it to {@link #onDatagram}.
     */
    public DatagramHandler decrypting(Consumer<RtpPacket> rtp, Consumer<List<RtcpPacket>> rtcp, boolean rtcpOnly) {
        return new Decrypting(rtp, rtcp, rtcpOnly);
    }

    /** The value of the first line of {@code sdp} starting with {@code prefix}. */
    public static String line(String sdp, String prefix) {
        for (String l : sdp.split("\r\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length());
            }
        }
        throw new IllegalStateException("no " + prefix + " in\n" + sdp);
    }

    private final class Decrypting implements DatagramHandler {
        private final Consumer<RtpPacket> rtp;
        private final Consumer<List<RtcpPacket>> rtcp;
        private final boolean rtcpOnly;
        /** Datagrams that arrived before our side of DTLS finished; null once the keys exist. */
        private List<byte[]> early = new ArrayList<>();

        Decrypting(Consumer<RtpPacket> rtp, Consumer<List<RtcpPacket>> rtcp, boolean rtcpOnly) {
            this.rtp = rtp;
            this.rtcp = rtcp;
            this.rtcpOnly = rtcpOnly;
        }

        @Override
        public synchronized void onDatagram(byte[] buf, int len) {
            int first = buf[0] & 0xFF;
            boolean rtcp = len > 1 && (buf[1] & 0xFF) >= 192 && (buf[1] & 0xFF) <= 223;
            if (first < 128 || first > 191 || len <= 12 || rtcpOnly && !rtcp) {
                return;
            }
            byte[] d = Arrays.copyOf(buf, len);
            if (early != null) {
                early.add(d);
            } else {
                unprotect(d);
            }
        }

        synchronized void keysReady() {
            for (byte[] d : early) {
                unprotect(d);
            }
            early = null;
        }

        private void unprotect(byte[] d) {
            int pt = d[1] & 0xFF;
            if (pt >= 192 && pt <= 223) {
                int n = srtpIn.unprotectRtcp(d, 0, d.length);
                rtcp.accept(RtcpPackets.parseCompound(Arrays.copyOf(d, n)));
            } else {
                int n = srtpIn.unprotectRtp(d, 0, d.length);
                rtp.accept(RtpPacket.parse(d, 0, n));
            }
        }
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
                int first = buf[0] & 0xFF;
                if (first >= 20 && first <= 63) {
                    dtls.offer(Arrays.copyOf(buf, p.getLength()));
                } else {
                    handler.onDatagram(buf, p.getLength());
                }
            }
        } catch (Exception e) {
            if (!closed) {
                e.printStackTrace();
            }
        }
    }

    /** Stops reading and closes the socket (the caller DELETEs its HTTP resource first, if any). */
    @Override
    public void close() {
        closed = true;
        socket.close();
        if (dtls != null) {
            dtls.close();
        }
        Thread r = reader;
        try {
            if (r != null) {
                r.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
