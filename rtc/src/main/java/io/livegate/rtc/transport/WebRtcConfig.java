package io.livegate.rtc.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Settings of the shared WebRTC port.
 *
 * @param bindHost             address the UDP and TCP sockets bind to
 * @param port                 UDP port, and the TCP port for ICE-TCP (0 picks a free one, for tests)
 * @param iceTcp               also listen for passive ICE-TCP on the same port number
 * @param advertisedAddresses  addresses put in host candidates, most preferred first
 * @param publicAddress        a NAT 1:1 public address advertised first as an extra host candidate, or null
 * @param consentTimeout       RFC 7675: a session without a valid check for this long is closed
 * @param dtlsHandshakeTimeout a handshake not done in this time closes the session
 * @param dtlsThreads          threads that run blocking BC handshakes (bounded executor)
 * @param limits               bounds on what peers can make the port hold
 */
public record WebRtcConfig(String bindHost, int port, boolean iceTcp, List<InetAddress> advertisedAddresses,
        InetAddress publicAddress, Duration consentTimeout, Duration dtlsHandshakeTimeout, int dtlsThreads,
        WebRtcLimits limits) {
    public static final int DEFAULT_PORT = 8189;
    /** RFC 7675 §5.1: consent expires 30 s after the last response (here: the last check). */
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DTLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** A handshake costs ~2 ms CPU but may wait on the network; 4 threads keep many in flight. */
    public static final int DEFAULT_DTLS_THREADS = 4;

    public static final WebRtcConfig DEFAULTS = new WebRtcConfig("0.0.0.0", DEFAULT_PORT, true, machineAddresses(), null,
            DEFAULT_CONSENT_TIMEOUT, DEFAULT_DTLS_HANDSHAKE_TIMEOUT, DEFAULT_DTLS_THREADS, WebRtcLimits.DEFAULTS);

    public WebRtcConfig {
        advertisedAddresses = List.copyOf(advertisedAddresses);
        if (advertisedAddresses.isEmpty() && publicAddress == null) {
            throw new IllegalArgumentException("at least one advertised address or a public address is needed");
        }
        for (InetAddress a : advertisedAddresses) {
            checkAdvertisable(a);
        }
        if (publicAddress != null) {
            checkAdvertisable(publicAddress);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " outside 0..65535");
        }
        if (consentTimeout.compareTo(Duration.ofSeconds(1)) < 0 || dtlsHandshakeTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("consent timeout must be >= 1 s and DTLS timeout >= 100 ms");
        }
        if (dtlsThreads < 1) {
            throw new IllegalArgumentException("dtlsThreads must be positive: " + dtlsThreads);
        }
    }

    private static void checkAdvertisable(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            throw new IllegalArgumentException("cannot advertise " + a.getHostAddress() + " in an ICE candidate");
        }
    }

    public WebRtcConfig withBindHost(String host) {
        return new WebRtcConfig(host, port, iceTcp, advertisedAddresses, publicAddress, consentTimeout, dtlsHandshakeTimeout, dtlsThreads, limits);
    }

    public WebRtcConfig withPort(int p) {
        return new WebRtcConfig(bindHost, p, iceTcp, advertisedAddresses, publicAddress, consentTimeout, dtlsHandshakeTimeout, dtlsThreads, limits);
    }

    public WebRtcConfig withIceTcp(boolean on) {
        return new WebRtcConfig(bindHost, port, on, advertisedAddresses, publicAddress, consentTimeout, dtlsHandshakeTimeout, dtlsThreads, limits);
    }

    public WebRtcConfig withAdvertisedAddresses(List<InetAddress> addresses) {
        return new WebRtcConfig(bindHost, port, iceTcp, addresses, publicAddress, consentTimeout, dtlsHandshakeTimeout, dtlsThreads, limits);
    }

    public WebRtcConfig withPublicAddress(InetAddress address) {
        return new WebRtcConfig(bindHost, port, iceTcp, advertisedAddresses, address, consentTimeout, dtlsHandshakeTimeout, dtlsThreads, limits);
    }

    public WebRtcConfig withConsentTimeout(Duration timeout) {
        return new WebRtcConfig(bindHost, port, iceTcp, advertisedAddresses, publicAddress, timeout, dtlsHandshakeTimeout, dtlsThreads, limits);
    }

    public WebRtcConfig withDtlsHandshakeTimeout(Duration timeout) {
        return new WebRtcConfig(bindHost, port, iceTcp, advertisedAddresses, publicAddress, consentTimeout, timeout, dtlsThreads, limits);
    }

    public WebRtcConfig withLimits(WebRtcLimits l) {
        return new WebRtcConfig(bindHost, port, iceTcp, advertisedAddresses, publicAddress, consentTimeout, dtlsHandshakeTimeout, dtlsThreads, l);
    }

    /**
     * The machine's IPv4 addresses on interfaces that are up, without loopback and link-local ones;
     * 127.0.0.1 when there is nothing else. IPv4 only because the default bind host is 0.0.0.0.
     */
    public static List<InetAddress> machineAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        out.add(a);
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback
        }
        if (out.isEmpty()) {
            try {
                out.add(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(out);
    }
}
