package io.livegate.rtc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.livegate.rtc.dtls.DtlsCertificate;
import io.livegate.rtc.dtls.DtlsException;
import io.livegate.rtc.dtls.DtlsRole;
import io.livegate.rtc.dtls.DtlsSession;
import io.livegate.rtc.dtls.SrtpKeyingMaterial;
import io.livegate.rtc.ice.IceCandidate;
import io.livegate.rtc.ice.IceCredentials;
import io.livegate.rtc.ice.IceTransportProtocol;
import io.livegate.rtc.ice.MonotonicClock;
import io.livegate.rtc.stun.StunAttribute;
import io.livegate.rtc.stun.StunCredentials;
import io.livegate.rtc.stun.StunMessage;
import io.livegate.rtc.stun.StunMessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end on 127.0.0.1: our port on one side, {@link TestIcePeer} (controlling ICE, either DTLS
 * role) on the other, over UDP and ICE-TCP.
 */
class WebRtcPortTest {
    static final InetAddress LOOPBACK = loopback();

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    final AtomicLong fakeNanos = new AtomicLong(System.nanoTime());
    final MonotonicClock clock = fakeNanos::get;
    WebRtcPort port;
    TestIcePeer peer;

    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static WebRtcConfig config() {
        return WebRtcConfig.DEFAULTS.withBindHost("127.0.0.1").withPort(0).withAdvertisedAddresses(List.of(LOOPBACK))
                .withDtlsHandshakeTimeout(Duration.ofSeconds(5));
    }

    /** Records what the port tells a session's owner. */
    static final class Recorder implements WebRtcTransport.Listener {
        final CompletableFuture<SrtpKeyingMaterial> connected = new CompletableFuture<>();
        final CompletableFuture<WebRtcTransport.CloseReason> closed = new CompletableFuture<>();
        final BlockingQueue<byte[]> packets = new LinkedBlockingQueue<>();

        @Override
        public void onConnected(WebRtcTransport transport, SrtpKeyingMaterial keys) {
            connected.complete(keys);
        }

        @Override
        public void onPacket(WebRtcTransport transport, ByteBuf packet) {
            try {
                packets.add(ByteBufUtil.getBytes(packet));
            } finally {
                packet.release();
            }
        }

        @Override
        public void onClosed(WebRtcTransport transport, WebRtcTransport.CloseReason reason) {
            if (!closed.complete(reason)) {
                throw new AssertionError("onClosed twice");
            }
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (port != null) {
            port.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }

    void startPort(WebRtcConfig config) throws InterruptedException {
        port = new WebRtcPort(config, group, clock);
        port.start();
    }

    record Connected(WebRtcTransport transport, Recorder recorder, DtlsSession peerDtls) {}

    /** ICE check with nomination, then DTLS with the peer in the opposite role. */
    Connected connect(boolean tcp, DtlsRole serverRole) throws Exception {
        peer = new TestIcePeer(port.port(), tcp);
        Recorder rec = new Recorder();
        WebRtcTransport t = port.newTransport(peer.credentials.ufrag(), peer.credentials.pwd(),
                peer.certificate.fingerprint().toSdpValue(), serverRole, rec);
        StunMessage response = peer.check(t.localIceCredentials(), true);
        assertThat(response).isNotNull();
        assertThat(response.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
        assertThat(response.verifyIntegrity(StunCredentials.shortTermKey(t.localIceCredentials().pwd()))).isTrue();
        assertThat(response.get(StunAttribute.XorMappedAddress.class).orElseThrow().address()).isEqualTo(peer.localAddress());
        DtlsRole peerRole = serverRole == DtlsRole.SERVER ? DtlsRole.CLIENT : DtlsRole.SERVER;
        DtlsSession dtls = peer.handshake(peerRole, t.localFingerprint());
        SrtpKeyingMaterial serverKeys = rec.connected.get(10, TimeUnit.SECONDS);
        assertThat(serverKeys).isEqualTo(dtls.keyingMaterial());
        assertThat(t.keyingMaterial()).contains(serverKeys);
        assertThat(t.state()).isEqualTo(WebRtcTransport.State.CONNECTED);
        assertThat(t.remoteEndpoint().orElseThrow().address()).isEqualTo(peer.localAddress());
        return new Connected(t, rec, dtls);
    }

    static byte[] rtp(int seq) {
        byte[] p = new byte[40];
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        return p;
    }

    void exchangeMedia(Connected c) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            peer.sendRaw(rtp(i));
        }
        for (int i = 0; i < 20; i++) {
            byte[] got = c.recorder.packets.poll(5, TimeUnit.SECONDS);
            assertThat(got).isEqualTo(rtp(i));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(c.transport.send(Unpooled.wrappedBuffer(rtp(100 + i)))).isTrue();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(peer.pollMedia(5000)).isEqualTo(rtp(100 + i));
        }
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void connectsDerivesSameKeysAndCarriesDatagramsBothWays(boolean tcp) throws Exception {
        startPort(config());
        Connected c = connect(tcp, DtlsRole.SERVER);
        assertThat(c.transport.remoteEndpoint().orElseThrow().protocol())
                .isEqualTo(tcp ? IceTransportProtocol.TCP : IceTransportProtocol.UDP);
        exchangeMedia(c);
        assertThat(c.transport.packetsIn()).isEqualTo(20);
        assertThat(c.transport.packetsOut()).isEqualTo(20);
        c.transport.close();
        assertThat(c.recorder.closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebRtcTransport.CloseReason.LOCAL);
        assertThat(port.sessionCount()).isZero();
        assertThat(c.transport.send(Unpooled.wrappedBuffer(rtp(1)))).isFalse();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void portAsDtlsClientWorksToo(boolean tcp) throws Exception {
        startPort(config());
        Connected c = connect(tcp, DtlsRole.CLIENT);
        exchangeMedia(c);
    }

    @Test
    void candidatesAdvertiseTheBoundPortOnUdpAndTcp() throws Exception {
        startPort(config().withPublicAddress(InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 7})));
        List<IceCandidate> cands = port.localCandidates();
        assertThat(cands).extracting(IceCandidate::toSdpAttribute).containsExactly(
                "candidate:1 1 udp 2130706431 203.0.113.7 " + port.port() + " typ host",
                "candidate:3 1 udp 2130706175 127.0.0.1 " + port.port() + " typ host",
                "candidate:2 1 tcp 2122317823 203.0.113.7 " + port.port() + " typ host tcptype passive",
                "candidate:4 1 tcp 2122317567 127.0.0.1 " + port.port() + " typ host tcptype passive");
    }

    @Test
    void wrongFingerprintIsRejected() throws Exception {
        startPort(config());
        peer = new TestIcePeer(port.port(), false);
        Recorder rec = new Recorder();
        String someoneElse = DtlsCertificate.generate().fingerprint().toSdpValue();
        WebRtcTransport t = port.newTransport(peer.credentials.ufrag(), peer.credentials.pwd(), someoneElse,
                DtlsRole.SERVER, rec);
        assertThat(peer.check(t.localIceCredentials(), true).type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
        assertThatThrownBy(() -> peer.handshake(DtlsRole.CLIENT, t.localFingerprint())).isInstanceOf(DtlsException.class);
        assertThat(rec.closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebRtcTransport.CloseReason.DTLS_FINGERPRINT_MISMATCH);
        assertThat(rec.connected).isNotDone();
    }

    @Test
    void consentTimeoutClosesTheSessionAndChecksKeepItAlive() throws Exception {
        startPort(config().withConsentTimeout(Duration.ofSeconds(30)));
        Connected c = connect(false, DtlsRole.SERVER);
        fakeNanos.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThat(peer.check(c.transport.localIceCredentials(), false).type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
        fakeNanos.addAndGet(Duration.ofSeconds(20).toNanos());
        Thread.sleep(1200); // two sweeps see consent still fresh
        assertThat(c.recorder.closed).isNotDone();
        fakeNanos.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(c.recorder.closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebRtcTransport.CloseReason.CONSENT_EXPIRED);
        assertThat(port.sessionCount()).isZero();
        // media from the peer's address no longer reaches anyone
        long before = port.dropCounts().get(WebRtcPort.DropReason.NO_SESSION);
        peer.sendRaw(rtp(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> port.dropCounts().get(WebRtcPort.DropReason.NO_SESSION) > before);
    }

    @Test
    void sessionThatNeverSeesACheckExpires() throws Exception {
        startPort(config());
        Recorder rec = new Recorder();
        IceCredentials remote = IceCredentials.random();
        port.newTransport(remote.ufrag(), remote.pwd(), DtlsCertificate.generate().fingerprint().toSdpValue(),
                DtlsRole.SERVER, rec);
        fakeNanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(rec.closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebRtcTransport.CloseReason.CONSENT_EXPIRED);
    }

    @Test
    void badAndUnknownDatagramsAreDroppedAndCounted() throws Exception {
        startPort(config());
        Connected c = connect(false, DtlsRole.SERVER);
        peer.sendRaw(new byte[] {0x50, 1, 2, 3});                     // TURN channel range: unknown kind
        peer.sendRaw(new byte[] {0, 1, 0, 0, 1, 2, 3, 4});           // STUN range, not STUN
        IceCredentials stranger = IceCredentials.random();
        peer.sendRaw(peer.bindingRequest(stranger, true));          // no such ufrag
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(port.dropCounts().get(WebRtcPort.DropReason.UNKNOWN_KIND)).isEqualTo(1);
            assertThat(port.dropCounts().get(WebRtcPort.DropReason.MALFORMED_STUN)).isEqualTo(1);
            assertThat(port.dropCounts().get(WebRtcPort.DropReason.NO_SESSION)).isEqualTo(1);
        });
        exchangeMedia(c); // the port and the session keep working
    }

    @Test
    void unauthenticatedAddressIsNotBound() throws Exception {
        startPort(config());
        peer = new TestIcePeer(port.port(), false);
        Recorder rec = new Recorder();
        WebRtcTransport t = port.newTransport(peer.credentials.ufrag(), peer.credentials.pwd(),
                peer.certificate.fingerprint().toSdpValue(), DtlsRole.SERVER, rec);
        IceCredentials wrongPwd = new IceCredentials(t.localIceCredentials().ufrag(), IceCredentials.random().pwd());
        StunMessage resp = peer.check(wrongPwd, true);
        assertThat(resp.type()).isEqualTo(StunMessageType.BINDING_ERROR);
        assertThat(resp.get(StunAttribute.ErrorCode.class).orElseThrow().code()).isEqualTo(401);
        peer.sendRaw(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0}); // DTLS-looking
        await().atMost(Duration.ofSeconds(5)).until(() -> port.dropCounts().get(WebRtcPort.DropReason.NO_SESSION) == 1);
        assertThat(t.state()).isEqualTo(WebRtcTransport.State.NEW);
    }

    @Test
    void iceRestartSwapsCredentialsWhileMediaKeepsFlowing() throws Exception {
        startPort(config());
        Connected c = connect(false, DtlsRole.SERVER);
        IceCredentials old = c.transport.localIceCredentials();
        IceCredentials peerNew = IceCredentials.random();
        IceCredentials fresh = c.transport.restartIce(peerNew.ufrag(), peerNew.pwd());
        assertThat(fresh.ufrag()).isNotEqualTo(old.ufrag());
        assertThat(c.transport.localIceCredentials()).isEqualTo(fresh);
        exchangeMedia(c);
        // the old ufrag is gone from the port
        long before = port.dropCounts().get(WebRtcPort.DropReason.NO_SESSION);
        peer.sendRaw(peer.bindingRequest(old, false));
        await().atMost(Duration.ofSeconds(5)).until(() -> port.dropCounts().get(WebRtcPort.DropReason.NO_SESSION) > before);
    }

    @Test
    void closingThePortClosesSessions() throws Exception {
        startPort(config());
        Connected c = connect(true, DtlsRole.SERVER);
        port.close();
        assertThat(c.recorder.closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebRtcTransport.CloseReason.PORT_CLOSED);
        assertThatThrownBy(() -> port.newTransport("abcd", "abcdefghijklmnopqrstuv", c.recorder.toString(), DtlsRole.SERVER,
                new Recorder())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void malformedSignallingInputIsRejected() throws Exception {
        startPort(config());
        assertThatThrownBy(() -> port.newTransport("ab", "abcdefghijklmnopqrstuv", port.fingerprint().toSdpValue(),
                DtlsRole.SERVER, new Recorder())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> port.newTransport("abcd", "abcdefghijklmnopqrstuv", "sha-256 zz", DtlsRole.SERVER,
                new Recorder())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void iceTcpFrameOverTheLimitClosesOnlyThatConnection() throws Exception {
        startPort(config());
        try (java.net.Socket s = new java.net.Socket(LOOPBACK, port.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 1, 2, 3});
            s.getOutputStream().flush();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(port.dropCounts().get(WebRtcPort.DropReason.TCP_REJECTED)).isEqualTo(1);
        Connected c = connect(false, DtlsRole.SERVER);
        exchangeMedia(c);
    }

    @Test
    void iceTcpConnectionThatNeverAuthenticatesIsClosed() throws Exception {
        startPort(config().withDtlsHandshakeTimeout(Duration.ofMillis(300)));
        try (java.net.Socket s = new java.net.Socket(LOOPBACK, port.port())) {
            s.setSoTimeout(5000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(port.dropCounts().get(WebRtcPort.DropReason.TCP_REJECTED)).isEqualTo(1);
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void peerCloseNotifyEndsTheSession(boolean tcp) throws Exception {
        startPort(config());
        Connected c = connect(tcp, DtlsRole.SERVER);
        c.peerDtls.close();
        assertThat(c.recorder.closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebRtcTransport.CloseReason.DTLS_CLOSED_BY_PEER);
    }

    // ---- pending sessions (server offer: the peer is bound when its answer arrives) ----

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void pendingSessionAnswersEarlyChecksQueuesDtlsAndConnectsOnceBound(boolean tcp) throws Exception {
        startPort(config());
        peer = new TestIcePeer(port.port(), tcp);
        Recorder rec = new Recorder();
        WebRtcTransport t = port.newPendingTransport(rec);
        assertThat(t.isPending()).isTrue();
        assertThat(t.localRole()).isNull();
        assertThat(t.localFingerprint()).isEqualTo(port.fingerprint());
        assertThat(t.localCandidates()).isEqualTo(port.localCandidates());
        // the browser checks as soon as it has our offer, before its answer reaches us
        StunMessage early = peer.check(t.localIceCredentials(), true);
        assertThat(early.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
        assertThat(early.verifyIntegrity(StunCredentials.shortTermKey(t.localIceCredentials().pwd()))).isTrue();
        assertThat(early.get(StunAttribute.XorMappedAddress.class).orElseThrow().address()).isEqualTo(peer.localAddress());
        // and starts DTLS (as client, answering a=setup:active); its flight waits in the session's queue
        CompletableFuture<DtlsSession> peerDtls = CompletableFuture.supplyAsync(() -> {
            try {
                return peer.handshake(DtlsRole.CLIENT, t.localFingerprint());
            } catch (DtlsException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(t.state()).isEqualTo(WebRtcTransport.State.NEW);
        assertThat(rec.connected).isNotDone();
        t.bindRemote(peer.credentials.ufrag(), peer.credentials.pwd(), peer.certificate.fingerprint().toSdpValue(),
                DtlsRole.SERVER);
        assertThat(t.isPending()).isFalse();
        assertThat(t.localRole()).isEqualTo(DtlsRole.SERVER);
        DtlsSession dtls = peerDtls.get(10, TimeUnit.SECONDS);
        assertThat(rec.connected.get(10, TimeUnit.SECONDS)).isEqualTo(dtls.keyingMaterial());
        assertThat(t.remoteEndpoint().orElseThrow().address()).isEqualTo(peer.localAddress());
        exchangeMedia(new Connected(t, rec, dtls));
        // after binding the peer's ufrag is checked too
        assertThat(peer.check(t.localIceCredentials(), false).type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
    }

    @Test
    void pendingSessionBoundBeforeAnyCheckConnectsAsDtlsClient() throws Exception {
        startPort(config());
        peer = new TestIcePeer(port.port(), false);
        Recorder rec = new Recorder();
        WebRtcTransport t = port.newPendingTransport(rec);
        t.bindRemote(peer.credentials.ufrag(), peer.credentials.pwd(), peer.certificate.fingerprint().toSdpValue(),
                DtlsRole.CLIENT);
        assertThat(t.state()).isEqualTo(WebRtcTransport.State.NEW);
        assertThat(peer.check(t.localIceCredentials(), true).type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
        DtlsSession dtls = peer.handshake(DtlsRole.SERVER, t.localFingerprint());
        assertThat(rec.connected.get(10, TimeUnit.SECONDS)).isEqualTo(dtls.keyingMaterial());
        exchangeMedia(new Connected(t, rec, dtls));
    }

    @Test
    void pendingSessionRejectsChecksWithTheWrongPasswordAndBindsNoAddress() throws Exception {
        startPort(config());
        peer = new TestIcePeer(port.port(), false);
        WebRtcTransport t = port.newPendingTransport(new Recorder());
        IceCredentials wrongPwd = new IceCredentials(t.localIceCredentials().ufrag(), IceCredentials.random().pwd());
        StunMessage resp = peer.check(wrongPwd, true);
        assertThat(resp.type()).isEqualTo(StunMessageType.BINDING_ERROR);
        assertThat(resp.get(StunAttribute.ErrorCode.class).orElseThrow().code()).isEqualTo(401);
        peer.sendRaw(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0});
        await().atMost(Duration.ofSeconds(5)).until(() -> port.dropCounts().get(WebRtcPort.DropReason.NO_SESSION) == 1);
        assertThat(t.validEndpoints()).isEmpty();
    }

    @Test
    void pendingSessionNeverBoundExpiresAndBindingIsOnceOnly() throws Exception {
        startPort(config());
        Recorder rec = new Recorder();
        WebRtcTransport t = port.newPendingTransport(rec);
        IceCredentials remote = IceCredentials.random();
        String fp = DtlsCertificate.generate().fingerprint().toSdpValue();
        assertThatThrownBy(() -> t.restartIce(remote.ufrag(), remote.pwd())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> t.bindRemote(remote.ufrag(), remote.pwd(), "sha-256 nonsense", DtlsRole.SERVER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(t.isPending()).isTrue();
        WebRtcTransport other = port.newPendingTransport(new Recorder());
        other.bindRemote(remote.ufrag(), remote.pwd(), fp, DtlsRole.SERVER);
        assertThatThrownBy(() -> other.bindRemote(remote.ufrag(), remote.pwd(), fp, DtlsRole.SERVER))
                .isInstanceOf(IllegalStateException.class);
        fakeNanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(rec.closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebRtcTransport.CloseReason.CONSENT_EXPIRED);
        assertThatThrownBy(() -> t.bindRemote(remote.ufrag(), remote.pwd(), fp, DtlsRole.SERVER))
                .isInstanceOf(IllegalStateException.class);
    }
}
