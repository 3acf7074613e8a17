package io.livegate.whep;

import io.livegate.rtc.dtls.DtlsCertificate;
import io.livegate.rtc.srtp.SrtpContext;
import io.livegate.rtc.testing.WebRtcTestPeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A bare WHEP viewer for the measurement tools: POSTs {@link TestViewer}'s H.264 + Opus offer, connects a
 * {@link WebRtcTestPeer} (real ICE, real DTLS client handshake, SRTP keys), and hands every other datagram (SRTP,
 * SRTCP, STUN answers) to a handler on its reader thread. Loopback UDP only.
 */
final class WhepTestViewer implements AutoCloseable {

    private final HttpClient http;
    private final WebRtcTestPeer peer;
    private final URI resource;

    private WhepTestViewer(HttpClient http, WebRtcTestPeer peer, URI resource) {
        this.http = http;
        this.peer = peer;
        this.resource = resource;
    }

    static WhepTestViewer connect(HttpClient http, String url, DtlsCertificate cert,
                                  WebRtcTestPeer.DatagramHandler handler)
            throws Exception {
        WebRtcTestPeer peer = new WebRtcTestPeer(cert, "whep-test-viewer").onDatagram(handler);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/sdp").POST(HttpRequest.BodyPublishers.ofString(
                            TestViewer.offer(peer.ice(), peer.fingerprint()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("POST " + r.statusCode() + ": " + r.body());
            }
            URI resource = URI.create(url).resolve(r.headers().firstValue("Location").orElseThrow());
            WhepTestViewer v = new WhepTestViewer(http, peer, resource);
            peer.connect(r.body());
            return v;
        } catch (Exception e) {
            peer.close();
            throw e;
        }
    }

    /** The context that unprotects what the server sends; set once connected. */
    SrtpContext srtp() {
        return peer.srtpIn();
    }

    /** A connectivity check: the first one nominates the pair, later ones keep consent (RFC 7675, every ~5 s). */
    void checkConsent() {
        peer.check();
    }

    /** DELETEs the session and stops reading. */
    @Override
    public void close() throws Exception {
        try {
            http.send(HttpRequest.newBuilder(resource).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } finally {
            peer.close();
        }
    }
}
