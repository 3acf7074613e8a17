package io.livegate.rtc.dtls;

import java.io.IOException;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/** What the client and server peers share: credentials, fingerprint check, use_srtp choice. */
final class DtlsPeerSupport {
    /** ECDHE with ECDSA only: our certificate is ECDSA. AEAD first; CBC kept for older stacks. */
    private static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    };

    final JcaTlsCrypto crypto;
    final DtlsCertificate certificate;
    final DtlsFingerprint remoteFingerprint;
    final DtlsConfig config;
    volatile boolean fingerprintMismatch;
    volatile boolean noSrtpProfile;
    volatile DtlsSrtpProfile selectedProfile;
    /** Set when the peer sent close_notify or a fatal alert, or BC closed the connection. */
    volatile boolean peerClosed;
    volatile boolean peerAlert;

    DtlsPeerSupport(JcaTlsCrypto crypto, DtlsCertificate certificate, DtlsFingerprint remoteFingerprint, DtlsConfig config) {
        this.crypto = crypto;
        this.certificate = certificate;
        this.remoteFingerprint = remoteFingerprint;
        this.config = config;
    }

    volatile SrtpKeyingMaterial keyingMaterial;

    /** RFC 5764 §4.2; BC allows the exporter only inside notifyHandshakeComplete. */
    void export(TlsContext context) {
        DtlsSrtpProfile profile = selectedProfile;
        byte[] out = context.exportKeyingMaterial(org.bouncycastle.tls.ExporterLabel.dtls_srtp, null,
                2 * (profile.keyLength() + profile.saltLength()));
        keyingMaterial = SrtpKeyingMaterial.fromExporter(profile, out);
    }

    void alertReceived(short level, short description) {
        if (description == AlertDescription.close_notify || level == org.bouncycastle.tls.AlertLevel.fatal) {
            peerClosed = true;
            peerAlert = level == org.bouncycastle.tls.AlertLevel.fatal;
        }
    }

    int[] cipherSuites() {
        return TlsUtils.getSupportedCipherSuites(crypto, CIPHER_SUITES);
    }

    TlsCredentialedSigner signer(TlsContext context) throws IOException {
        TlsCertificate tlsCert = crypto.createCertificate(certificate.der());
        return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.privateKey(),
                new Certificate(new TlsCertificate[] {tlsCert}),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /** RFC 8122 §5: the end-entity certificate must hash to the fingerprint from the peer's SDP. */
    void verifyPeer(Certificate peer) throws IOException {
        if (peer == null || peer.isEmpty()) {
            fingerprintMismatch = true;
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "peer sent no certificate");
        }
        if (!remoteFingerprint.matches(peer.getCertificateAt(0).getEncoded())) {
            fingerprintMismatch = true;
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate does not match the SDP fingerprint");
        }
    }

    UseSRTPData offer() {
        List<DtlsSrtpProfile> ps = config.srtpProfiles();
        int[] ids = new int[ps.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ps.get(i).id();
        }
        return new UseSRTPData(ids, TlsUtils.EMPTY_BYTES);
    }

    /** Server side: our most preferred profile the client offered (RFC 5764 §4.1.1). */
    DtlsSrtpProfile choose(UseSRTPData clientOffer) throws IOException {
        if (clientOffer != null) {
            for (DtlsSrtpProfile p : config.srtpProfiles()) {
                for (int id : clientOffer.getProtectionProfiles()) {
                    if (id == p.id()) {
                        selectedProfile = p;
                        return p;
                    }
                }
            }
        }
        noSrtpProfile = true;
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no SRTP protection profile in common");
    }

    /** Client side: the server must pick exactly one profile we offered. */
    void accept(UseSRTPData serverChoice) throws IOException {
        if (serverChoice == null || serverChoice.getProtectionProfiles().length != 1) {
            noSrtpProfile = true;
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server did not select one SRTP profile");
        }
        DtlsSrtpProfile p = DtlsSrtpProfile.ofId(serverChoice.getProtectionProfiles()[0]);
        if (p == null || !config.srtpProfiles().contains(p)) {
            noSrtpProfile = true;
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server selected a profile we did not offer");
        }
        selectedProfile = p;
    }
}
