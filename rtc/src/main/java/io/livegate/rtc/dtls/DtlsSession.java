package io.livegate.rtc.dtls;

import java.io.IOException;
import org.bouncycastle.tls.DTLSTransport;

/**
 * A finished DTLS association: the SRTP keys, and the record layer kept alive so late datagrams
 * (a retransmitted final flight, close_notify) are still processed through {@link #pump}.
 */
public final class DtlsSession {
    private final DTLSTransport dtls;
    private final DtlsPacketTransport packets;
    private final DtlsPeerSupport support;
    private final SrtpKeyingMaterial keyingMaterial;
    private final DtlsRole role;
    private final byte[] scratch;
    private long applicationDataDropped;

    DtlsSession(DTLSTransport dtls, DtlsPacketTransport packets, DtlsPeerSupport support,
            SrtpKeyingMaterial keyingMaterial, DtlsRole role) throws IOException {
        this.dtls = dtls;
        this.packets = packets;
        this.support = support;
        this.keyingMaterial = keyingMaterial;
        this.role = role;
        this.scratch = new byte[dtls.getReceiveLimit()];
    }

    public SrtpKeyingMaterial keyingMaterial() {
        return keyingMaterial;
    }

    public DtlsRole role() {
        return role;
    }

    public DtlsSrtpProfile profile() {
        return keyingMaterial.profile();
    }

    /**
     * Feeds queued datagrams through BC's record layer (it answers a retransmitted final flight
     * itself). Application data is dropped: data channels are out of scope. Blocks at most ~1 ms per
     * datagram, so call it on the handshake executor, not an event loop.
     *
     * @return false once the peer closed the association (close_notify or fatal alert)
     */
    public boolean pump() {
        try {
            while (packets.hasPending() && !support.peerClosed) {
                int n = dtls.receive(scratch, 0, scratch.length, 1);
                if (n > 0) {
                    applicationDataDropped++;
                }
            }
        } catch (IOException e) {
            support.peerClosed = true;
        }
        return !support.peerClosed;
    }

    public long applicationDataDropped() {
        return applicationDataDropped;
    }

    /** Sends close_notify (best effort) and closes the transport. */
    public void close() {
        try {
            dtls.close();
        } catch (IOException | RuntimeException ignored) {
            // the peer may be gone already; nothing more to do
        } finally {
            packets.close();
        }
    }
}
