package io.livegate.rtc.dtls;

import java.time.Duration;
import java.util.List;

/**
 * DTLS settings.
 *
 * @param handshakeTimeout longest a handshake may take before the session is closed
 * @param srtpProfiles     profiles we accept, most preferred first
 * @param mtu              largest datagram BC may send (flights are fragmented to fit)
 */
public record DtlsConfig(Duration handshakeTimeout, List<DtlsSrtpProfile> srtpProfiles, int mtu) {
    /** Browsers finish in well under a second; 10 s covers lossy links with BC's 1 s..60 s backoff. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** 1200 bytes keeps DTLS flights below any real path MTU once IP/UDP/TURN headers are added. */
    public static final int DEFAULT_MTU = 1200;

    public static final DtlsConfig DEFAULTS = new DtlsConfig(DEFAULT_HANDSHAKE_TIMEOUT,
            List.of(DtlsSrtpProfile.AEAD_AES_128_GCM, DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80), DEFAULT_MTU);

    public DtlsConfig {
        srtpProfiles = List.copyOf(srtpProfiles);
        if (srtpProfiles.isEmpty()) {
            throw new IllegalArgumentException("at least one SRTP profile is needed");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad DTLS handshake timeout " + handshakeTimeout);
        }
        if (mtu < 256 || mtu > 65_507) {
            throw new IllegalArgumentException("DTLS MTU " + mtu + " outside 256..65507");
        }
    }

    public DtlsConfig withHandshakeTimeout(Duration timeout) {
        return new DtlsConfig(timeout, srtpProfiles, mtu);
    }

    public DtlsConfig withSrtpProfiles(List<DtlsSrtpProfile> profiles) {
        return new DtlsConfig(handshakeTimeout, profiles, mtu);
    }
}
