package io.livegate.rtc.transport;

import io.livegate.rtc.dtls.DtlsCertificate;
import io.livegate.rtc.dtls.DtlsConfig;
import io.livegate.rtc.dtls.DtlsException;
import io.livegate.rtc.dtls.DtlsFingerprint;
import io.livegate.rtc.dtls.DtlsHandshake;
import io.livegate.rtc.dtls.DtlsPacketTransport;
import io.livegate.rtc.dtls.DtlsRole;
import io.livegate.rtc.dtls.DtlsSession;
import io.livegate.rtc.ice.IceCredentials;
import io.livegate.rtc.stun.StunAttribute;
import io.livegate.rtc.stun.StunCredentials;
import io.livegate.rtc.stun.StunMessage;
import io.livegate.rtc.stun.StunMessageType;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A minimal controlling ICE + DTLS peer built from our own stun and dtls classes, standing in for a
 * browser in loopback tests. UDP or ICE-TCP (RFC 6544 framing). Test-only.
 */
final class TestIcePeer implements AutoCloseable {
    final IceCredentials credentials = IceCredentials.random();
    final DtlsCertificate certificate = DtlsCertificate.generate();
    private final boolean tcp;
    private final InetSocketAddress server;
    private final DatagramSocket udp;
    private final Socket socket;
    private final OutputStream tcpOut;
    private final Thread reader;
    private final BlockingQueue<StunMessage> stun = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> media = new LinkedBlockingQueue<>();
    private final DtlsPacketTransport dtlsPackets;
    private volatile boolean closed;

    TestIcePeer(int serverPort, boolean tcp) throws IOException {
        this.tcp = tcp;
        this.server = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), serverPort);
        if (tcp) {
            udp = null;
            socket = new Socket();
            socket.connect(server, 5000);
            socket.setTcpNoDelay(true);
            tcpOut = socket.getOutputStream();
        } else {
            udp = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
            socket = null;
            tcpOut = null;
        }
        dtlsPackets = new DtlsPacketTransport(this::sendRaw, DtlsConfig.DEFAULT_MTU, 256);
        reader = new Thread(this::readLoop, "test-ice-peer");
        reader.setDaemon(true);
        reader.start();
    }

    InetSocketAddress localAddress() {
        return tcp ? (InetSocketAddress) socket.getLocalSocketAddress() : (InetSocketAddress) udp.getLocalSocketAddress();
    }

    /** Sends one raw datagram (or one RFC 6544 frame). */
    synchronized void sendRaw(byte[] data) {
        try {
            if (tcp) {
                byte[] framed = new byte[data.length + 2];
                framed[0] = (byte) (data.length >> 8);
                framed[1] = (byte) data.length;
                System.arraycopy(data, 0, framed, 2, data.length);
                tcpOut.write(framed);
                tcpOut.flush();
            } else {
                udp.send(new DatagramPacket(data, data.length, server));
            }
        } catch (IOException e) {
            if (!closed) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A Binding request as a controlling browser sends it, with the server's credentials. */
    byte[] bindingRequest(IceCredentials serverCreds, boolean useCandidate, StunAttribute... extra) {
        List<StunAttribute> attrs = new ArrayList<>(List.of(
                new StunAttribute.Username(serverCreds.ufrag() + ":" + credentials.ufrag()),
                new StunAttribute.Priority(1853824767L),
                new StunAttribute.IceControlling(ThreadLocalRandom.current().nextLong())));
        if (useCandidate) {
            attrs.add(new StunAttribute.UseCandidate());
        }
        attrs.addAll(List.of(extra));
        byte[] tid = new byte[12];
        ThreadLocalRandom.current().nextBytes(tid);
        return new StunMessage(StunMessageType.BINDING_REQUEST, tid, attrs)
                .encode(StunCredentials.shortTermKey(serverCreds.pwd()), true);
    }

    /** Sends a check and waits for its answer; retries like a browser would on loss. */
    StunMessage check(IceCredentials serverCreds, boolean useCandidate) throws InterruptedException {
        byte[] request = bindingRequest(serverCreds, useCandidate);
        StunMessage sent = StunMessage.parse(request);
        for (int attempt = 0; attempt < 5; attempt++) {
            sendRaw(request);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            StunMessage m;
            while ((m = stun.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                if (java.util.Arrays.equals(m.transactionId(), sent.transactionId())) {
                    return m;
                }
            }
        }
        return null;
    }

    /** DTLS in the given role against the server's fingerprint. Blocks until done. */
    DtlsSession handshake(DtlsRole role, DtlsFingerprint serverFingerprint) throws DtlsException {
        return DtlsHandshake.run(role, certificate, serverFingerprint, dtlsPackets, DtlsConfig.DEFAULTS);
    }

    byte[] pollMedia(long millis) throws InterruptedException {
        return media.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void readLoop() {
        byte[] buf = new byte[65_536];
        try {
            DataInputStream in = tcp ? new DataInputStream(socket.getInputStream()) : null;
            while (!closed) {
                byte[] d;
                if (tcp) {
                    int len = in.readUnsignedShort();
                    d = new byte[len];
                    in.readFully(d);
                } else {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    udp.receive(p);
                    d = java.util.Arrays.copyOf(p.getData(), p.getLength());
                }
                if (d.length == 0) {
                    continue;
                }
                int first = d[0] & 0xFF;
                if (first <= 3) {
                    stun.add(StunMessage.parse(d));
                } else if (first >= 20 && first <= 63) {
                    dtlsPackets.offer(d);
                } else if (first >= 128 && first <= 191) {
                    media.add(d);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() {
        closed = true;
        dtlsPackets.close();
        try {
            if (tcp) {
                socket.close();
            } else {
                udp.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
