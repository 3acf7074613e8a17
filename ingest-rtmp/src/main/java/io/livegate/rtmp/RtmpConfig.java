package io.livegate.rtmp;

import io.livegate.rtmp.chunk.RtmpLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * RTMP ingest settings.
 *
 * @param bindHost    address to listen on
 * @param port        RTMP port (0 picks a free one, for tests)
 * @param tlsPort     RTMPS port, used only when a certificate and key are set (0 picks a free one)
 * @param certificate PEM certificate chain for RTMPS, or null to leave RTMPS off
 * @param privateKey  PEM private key (PKCS#8) for RTMPS, or null
 * @param idleTimeout a connection that sends nothing for this long is dropped (handshake included)
 * @param limits      bounds on what one connection may send
 */
public record RtmpConfig(String bindHost, int port, int tlsPort, Path certificate, Path privateKey,
                         Duration idleTimeout, RtmpLimits limits) {

    public static final String DEFAULT_BIND_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 1935;
    public static final int DEFAULT_TLS_PORT = 1936;
    /** Encoders send media many times a second; 10 s of silence means the encoder is gone or stuck. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);

    public static final RtmpConfig DEFAULTS = new RtmpConfig(DEFAULT_BIND_HOST, DEFAULT_PORT, DEFAULT_TLS_PORT, null,
            null, DEFAULT_IDLE_TIMEOUT, RtmpLimits.DEFAULTS);

    public RtmpConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65535 || tlsPort < 0 || tlsPort > 65535) {
            throw new IllegalArgumentException("ports must be 0..65535, were " + port + " and " + tlsPort);
        }
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("RTMPS needs both a certificate and a private key");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be > 0, was " + idleTimeout);
        }
    }

    /** True when RTMPS is configured. */
    public boolean tlsEnabled() {
        return certificate != null;
    }

    public RtmpConfig withPorts(int newPort, int newTlsPort) {
        return new RtmpConfig(bindHost, newPort, newTlsPort, certificate, privateKey, idleTimeout, limits);
    }

    public RtmpConfig withTls(Path newCertificate, Path newPrivateKey) {
        return new RtmpConfig(bindHost, port, tlsPort, newCertificate, newPrivateKey, idleTimeout, limits);
    }

    public RtmpConfig withIdleTimeout(Duration newIdleTimeout) {
        return new RtmpConfig(bindHost, port, tlsPort, certificate, privateKey, newIdleTimeout, limits);
    }

    public RtmpConfig withLimits(RtmpLimits newLimits) {
        return new RtmpConfig(bindHost, port, tlsPort, certificate, privateKey, idleTimeout, newLimits);
    }
}
