package io.livegate.rtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both roles against each other over an in-memory datagram pipe. */
class DtlsHandshakeTest {
    static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate();
    static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate();

    final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Two transports where what one sends the other receives. */
    static DtlsPacketTransport[] pipe() {
        AtomicReference<DtlsPacketTransport> a = new AtomicReference<>();
        AtomicReference<DtlsPacketTransport> b = new AtomicReference<>();
        a.set(new DtlsPacketTransport(d -> b.get().offer(d), DtlsConfig.DEFAULT_MTU, 64));
        b.set(new DtlsPacketTransport(d -> a.get().offer(d), DtlsConfig.DEFAULT_MTU, 64));
        return new DtlsPacketTransport[] {a.get(), b.get()};
    }

    record Pair(CompletableFuture<DtlsSession> server, CompletableFuture<DtlsSession> client) {}

    Pair handshake(DtlsFingerprint serverExpects, DtlsFingerprint clientExpects, DtlsConfig serverConfig,
            DtlsConfig clientConfig) {
        DtlsPacketTransport[] p = pipe();
        CompletableFuture<DtlsSession> server = CompletableFuture.supplyAsync(() -> run(DtlsRole.SERVER, SERVER_CERT,
                serverExpects, p[0], serverConfig), pool);
        CompletableFuture<DtlsSession> client = CompletableFuture.supplyAsync(() -> run(DtlsRole.CLIENT, CLIENT_CERT,
                clientExpects, p[1], clientConfig), pool);
        return new Pair(server, client);
    }

    static DtlsSession run(DtlsRole role, DtlsCertificate cert, DtlsFingerprint remote, DtlsPacketTransport t, DtlsConfig c) {
        try {
            return DtlsHandshake.run(role, cert, remote, t, c);
        } catch (DtlsException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    static DtlsException failure(CompletableFuture<DtlsSession> f) throws InterruptedException {
        try {
            f.get(20, TimeUnit.SECONDS);
            throw new AssertionError("handshake should have failed");
        } catch (ExecutionException e) {
            return (DtlsException) e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("handshake did not end", e);
        }
    }

    @Test
    void bothSidesExportTheSameKeysAndPreferGcm() throws Exception {
        Pair p = handshake(CLIENT_CERT.fingerprint(), SERVER_CERT.fingerprint(), DtlsConfig.DEFAULTS, DtlsConfig.DEFAULTS);
        DtlsSession s = p.server.get(20, TimeUnit.SECONDS);
        DtlsSession c = p.client.get(20, TimeUnit.SECONDS);
        assertThat(s.keyingMaterial()).isEqualTo(c.keyingMaterial());
        assertThat(s.profile()).isEqualTo(DtlsSrtpProfile.AEAD_AES_128_GCM);
        SrtpKeyingMaterial km = s.keyingMaterial();
        assertThat(km.clientMasterKey()).hasSize(16).isNotEqualTo(km.serverMasterKey());
        assertThat(km.clientMasterSalt()).hasSize(12);
        assertThat(km.protectKey(DtlsRole.SERVER)).isEqualTo(km.unprotectKey(DtlsRole.CLIENT));
        assertThat(km.toString()).doesNotContain("[B");
        s.close();
        c.close();
    }

    @Test
    void lostDatagramsAreRetransmitted() throws Exception {
        // Drop the first datagram in each direction: BC's retransmission timer must recover.
        AtomicReference<DtlsPacketTransport> a = new AtomicReference<>();
        AtomicReference<DtlsPacketTransport> b = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger toA = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger toB = new java.util.concurrent.atomic.AtomicInteger();
        a.set(new DtlsPacketTransport(d -> {
            if (toB.getAndIncrement() > 0) {
                b.get().offer(d);
            }
        }, DtlsConfig.DEFAULT_MTU, 64));
        b.set(new DtlsPacketTransport(d -> {
            if (toA.getAndIncrement() > 0) {
                a.get().offer(d);
            }
        }, DtlsConfig.DEFAULT_MTU, 64));
        CompletableFuture<DtlsSession> server = CompletableFuture.supplyAsync(() -> run(DtlsRole.SERVER, SERVER_CERT,
                CLIENT_CERT.fingerprint(), a.get(), DtlsConfig.DEFAULTS), pool);
        CompletableFuture<DtlsSession> client = CompletableFuture.supplyAsync(() -> run(DtlsRole.CLIENT, CLIENT_CERT,
                SERVER_CERT.fingerprint(), b.get(), DtlsConfig.DEFAULTS), pool);
        assertThat(server.get(20, TimeUnit.SECONDS).keyingMaterial()).isEqualTo(client.get(20, TimeUnit.SECONDS).keyingMaterial());
        assertThat(toA.get()).isGreaterThan(1);
        assertThat(toB.get()).isGreaterThan(1);
    }

    @Test
    void clientOfferingOnlyAesCmGetsAesCm() throws Exception {
        DtlsConfig cmOnly = DtlsConfig.DEFAULTS.withSrtpProfiles(List.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80));
        Pair p = handshake(CLIENT_CERT.fingerprint(), SERVER_CERT.fingerprint(), DtlsConfig.DEFAULTS, cmOnly);
        DtlsSession s = p.server.get(20, TimeUnit.SECONDS);
        DtlsSession c = p.client.get(20, TimeUnit.SECONDS);
        assertThat(c.profile()).isEqualTo(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80);
        assertThat(s.keyingMaterial()).isEqualTo(c.keyingMaterial());
        assertThat(c.keyingMaterial().serverMasterSalt()).hasSize(14);
    }

    @Test
    void serverRejectsAClientWhoseCertificateDoesNotMatch() throws Exception {
        DtlsFingerprint wrong = DtlsCertificate.generate().fingerprint();
        Pair p = handshake(wrong, SERVER_CERT.fingerprint(), DtlsConfig.DEFAULTS, DtlsConfig.DEFAULTS);
        assertThat(failure(p.server).reason()).isEqualTo(DtlsException.Reason.FINGERPRINT_MISMATCH);
        assertThat(failure(p.client).reason()).isIn(DtlsException.Reason.PEER_ALERT, DtlsException.Reason.HANDSHAKE_FAILED);
    }

    @Test
    void clientRejectsAServerWhoseCertificateDoesNotMatch() throws Exception {
        DtlsFingerprint wrong = DtlsCertificate.generate().fingerprint();
        Pair p = handshake(CLIENT_CERT.fingerprint(), wrong, DtlsConfig.DEFAULTS, DtlsConfig.DEFAULTS);
        assertThat(failure(p.client).reason()).isEqualTo(DtlsException.Reason.FINGERPRINT_MISMATCH);
        assertThat(failure(p.server).reason()).isNotEqualTo(DtlsException.Reason.FINGERPRINT_MISMATCH);
    }

    @Test
    void noCommonProfileFails() throws Exception {
        DtlsConfig gcmOnly = DtlsConfig.DEFAULTS.withSrtpProfiles(List.of(DtlsSrtpProfile.AEAD_AES_128_GCM));
        DtlsConfig cmOnly = DtlsConfig.DEFAULTS.withSrtpProfiles(List.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80));
        Pair p = handshake(CLIENT_CERT.fingerprint(), SERVER_CERT.fingerprint(), gcmOnly, cmOnly);
        assertThat(failure(p.server).reason()).isEqualTo(DtlsException.Reason.NO_SRTP_PROFILE);
        failure(p.client);
    }

    @Test
    void handshakeWithoutAPeerTimesOut() throws Exception {
        DtlsPacketTransport lonely = new DtlsPacketTransport(d -> { }, DtlsConfig.DEFAULT_MTU, 64);
        DtlsConfig quick = DtlsConfig.DEFAULTS.withHandshakeTimeout(Duration.ofMillis(1500));
        CompletableFuture<DtlsSession> f = CompletableFuture.supplyAsync(
                () -> run(DtlsRole.CLIENT, CLIENT_CERT, SERVER_CERT.fingerprint(), lonely, quick), pool);
        assertThat(failure(f).reason()).isEqualTo(DtlsException.Reason.TIMEOUT);
    }

    @Test
    void closingTheTransportAbortsTheHandshake() throws Exception {
        DtlsPacketTransport lonely = new DtlsPacketTransport(d -> { }, DtlsConfig.DEFAULT_MTU, 64);
        CompletableFuture<DtlsSession> f = CompletableFuture.supplyAsync(
                () -> run(DtlsRole.SERVER, SERVER_CERT, CLIENT_CERT.fingerprint(), lonely, DtlsConfig.DEFAULTS), pool);
        Thread.sleep(200);
        lonely.close();
        assertThat(failure(f).reason()).isEqualTo(DtlsException.Reason.CLOSED);
    }

    @Test
    void fingerprintParsesAndPrintsLikeSdp() {
        DtlsFingerprint f = SERVER_CERT.fingerprint();
        assertThat(f.toSdpValue()).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(DtlsFingerprint.parse(f.toSdpValue().toLowerCase())).isEqualTo(f);
        assertThat(DtlsFingerprint.parse("SHA-256 " + f.toSdpValue().substring(8))).isEqualTo(f);
        assertThat(f.matches(SERVER_CERT.der())).isTrue();
        assertThat(f.matches(CLIENT_CERT.der())).isFalse();
        assertThatThrownBy(() -> DtlsFingerprint.parse("md5 00:11")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256 00:11")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fullQueueDropsInsteadOfBlocking() {
        DtlsPacketTransport t = new DtlsPacketTransport(d -> { }, DtlsConfig.DEFAULT_MTU, 2);
        assertThat(t.offer(new byte[10])).isTrue();
        assertThat(t.offer(new byte[10])).isTrue();
        assertThat(t.offer(new byte[10])).isFalse();
        assertThat(t.offer(new byte[2000])).isFalse();
        t.close();
        assertThat(t.offer(new byte[10])).isFalse();
    }
}
