package io.livegate.rtc.dtls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Our DTLS identity: an ECDSA P-256 key and a self-signed certificate (RFC 8827 §6.5; peers check
 * only the fingerprint, never a chain). Made once per {@code WebRtcPort}; its fingerprint goes in
 * every SDP answer.
 */
public final class DtlsCertificate {
    /** Browsers make 30-day certificates; validity is not checked in WebRTC, a year is plenty. */
    static final Duration VALIDITY = Duration.ofDays(365);

    private final byte[] der;
    private final PrivateKey privateKey;
    private final DtlsFingerprint fingerprint;

    private DtlsCertificate(byte[] der, PrivateKey privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = DtlsFingerprint.sha256(der);
    }

    /** Generates a fresh key pair and certificate. */
    public static DtlsCertificate generate() {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair kp = gen.generateKeyPair();
            X500Name name = new X500Name("CN=livegate");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(63, random).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, kp.getPublic());
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            return new DtlsCertificate(holder.getEncoded(), kp.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot create the DTLS certificate", e);
        }
    }

    /** The DER-encoded certificate. */
    public byte[] der() {
        return der.clone();
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** SHA-256 fingerprint for {@code a=fingerprint}. */
    public DtlsFingerprint fingerprint() {
        return fingerprint;
    }
}
