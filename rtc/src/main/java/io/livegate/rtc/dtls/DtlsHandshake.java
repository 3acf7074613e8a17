package io.livegate.rtc.dtls;

import io.livegate.rtc.dtls.DtlsException.Reason;
import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/** Runs one blocking DTLS handshake in either role and exports the SRTP keys. */
public final class DtlsHandshake {
    /** JCA crypto: the JDK's AES-GCM and ECDHE use CPU intrinsics; shared, it holds no per-connection state. */
    private static final JcaTlsCrypto CRYPTO = new JcaTlsCryptoProvider().create(new SecureRandom());

    private DtlsHandshake() {}

    /**
     * Performs the handshake. Blocks until done, failed, timed out or the transport is closed.
     *
     * @param remoteFingerprint from the peer's SDP; its certificate must match
     */
    public static DtlsSession run(DtlsRole role, DtlsCertificate certificate, DtlsFingerprint remoteFingerprint,
            DtlsPacketTransport transport, DtlsConfig config) throws DtlsException {
        DtlsPeerSupport support = new DtlsPeerSupport(CRYPTO, certificate, remoteFingerprint, config);
        DTLSTransport dtls;
        try {
            if (role == DtlsRole.SERVER) {
                WebRtcDtlsServer server = new WebRtcDtlsServer(support);
                DTLSServerProtocol protocol = new DTLSServerProtocol();
                // ICE already proved the peer owns its address; skip the cookie round trip.
                protocol.setVerifyRequests(false);
                dtls = protocol.accept(server, transport);
            } else {
                WebRtcDtlsClient client = new WebRtcDtlsClient(support);
                dtls = new DTLSClientProtocol().connect(client, transport);
            }
            if (support.keyingMaterial == null) {
                throw new IOException("handshake finished without exporting SRTP keys");
            }
            return new DtlsSession(dtls, transport, support, support.keyingMaterial, role);
        } catch (IOException | RuntimeException e) {
            boolean closedUnderneath = transport.isClosed();
            transport.close();
            throw classify(e, support, closedUnderneath);
        }
    }

    private static DtlsException classify(Exception e, DtlsPeerSupport support, boolean closedUnderneath) {
        Reason reason;
        if (support.fingerprintMismatch) {
            reason = Reason.FINGERPRINT_MISMATCH;
        } else if (support.noSrtpProfile) {
            reason = Reason.NO_SRTP_PROFILE;
        } else if (e instanceof TlsTimeoutException) {
            reason = Reason.TIMEOUT;
        } else if (e instanceof TlsFatalAlertReceived || support.peerAlert) {
            reason = Reason.PEER_ALERT;
        } else if (closedUnderneath) {
            reason = Reason.CLOSED;
        } else {
            reason = Reason.HANDSHAKE_FAILED;
        }
        return new DtlsException(reason, String.valueOf(e.getMessage()), e);
    }
}
