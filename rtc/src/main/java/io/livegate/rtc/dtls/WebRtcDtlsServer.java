package io.livegate.rtc.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;

/** The DTLS server peer: asks for the client's certificate and picks the SRTP profile. */
final class WebRtcDtlsServer extends DefaultTlsServer {
    private final DtlsPeerSupport support;

    WebRtcDtlsServer(DtlsPeerSupport support) {
        super(support.crypto);
        this.support = support;
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        support.alertReceived(alertLevel, alertDescription);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        support.export(context);
    }

    @Override
    public void notifyConnectionClosed() {
        support.peerClosed = true;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return support.cipherSuites();
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return (int) support.config.handshakeTimeout().toMillis();
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return support.signer(context);
    }

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        @SuppressWarnings("rawtypes")
        Vector algorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        return new CertificateRequest(types, algorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        support.verifyPeer(clientCertificate);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        support.choose(TlsSRTPUtils.getUseSRTPExtension(clientExtensions));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions,
                new org.bouncycastle.tls.UseSRTPData(new int[] {support.selectedProfile.id()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }
}
