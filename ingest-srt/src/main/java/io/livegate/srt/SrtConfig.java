package io.livegate.srt;

import io.livegate.srt.binding.SrtOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * SRT listener settings.
 *
 * @param bindHost         address to bind ("0.0.0.0", "::", "127.0.0.1")
 * @param port             UDP port; 0 picks a free one (see {@link SrtServer#port()})
 * @param latency          receiver latency the server asks for (SRTO_LATENCY); the larger of both sides wins
 * @param passphrase       passphrase for every path without its own, or null for none
 * @param pathPassphrases  per-path passphrases (stream path to passphrase); override {@code passphrase}
 * @param maxSessions      concurrent SRT connections; more are rejected with SRT_REJX_OVERLOAD
 * @param idleTimeout      a connection that delivers no payload for this long is closed
 * @param limits           parsing and buffer bounds
 */
public record SrtConfig(String bindHost, int port, Duration latency, String passphrase,
                        Map<String, String> pathPassphrases, int maxSessions, Duration idleTimeout,
                        SrtLimits limits) {

    public static final String DEFAULT_BIND_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 9000;
    /** 120 ms: libsrt's live default; about 4x the RTT of a good regional link. */
    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(120);
    /** 100 concurrent publishers: ~1 core of TS demuxing at a few Mbit/s each. */
    public static final int DEFAULT_MAX_SESSIONS = 100;
    /** 10 s without payload: twice the peer idle timeout, long enough for an encoder restarting its output. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);

    public static final SrtConfig DEFAULTS = new SrtConfig(DEFAULT_BIND_HOST, DEFAULT_PORT, DEFAULT_LATENCY, null,
            Map.of(), DEFAULT_MAX_SESSIONS, DEFAULT_IDLE_TIMEOUT, SrtLimits.DEFAULTS);

    public SrtConfig {
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("SRT bind host is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("SRT port " + port + " outside 0..65535");
        }
        if (latency == null || latency.isNegative() || latency.toMillis() > 60_000) {
            throw new IllegalArgumentException("SRT latency " + latency + " outside 0..60 s");
        }
        pathPassphrases = pathPassphrases == null ? Map.of() : Map.copyOf(pathPassphrases);
        checkPassphrase("passphrase", passphrase);
        pathPassphrases.forEach((path, p) -> checkPassphrase("passphrase of " + path, p));
        if (maxSessions < 1) {
            throw new IllegalArgumentException("SRT max sessions must be >= 1, was " + maxSessions);
        }
        if (idleTimeout == null || idleTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("SRT idle timeout must be >= 1 s, was " + idleTimeout);
        }
        if (limits == null) {
            throw new IllegalArgumentException("SRT limits are required");
        }
    }

    public SrtConfig withBind(String host, int newPort) {
        return new SrtConfig(host, newPort, latency, passphrase, pathPassphrases, maxSessions, idleTimeout, limits);
    }

    public SrtConfig withPassphrases(String global, Map<String, String> perPath) {
        return new SrtConfig(bindHost, port, latency, global, perPath, maxSessions, idleTimeout, limits);
    }

    public SrtConfig withMaxSessions(int n) {
        return new SrtConfig(bindHost, port, latency, passphrase, pathPassphrases, n, idleTimeout, limits);
    }

    /** The passphrase for a stream path: its own, else the global one, else null (no encryption). */
    public String passphraseFor(String path) {
        String p = pathPassphrases.get(path);
        return p != null ? p : passphrase;
    }

    private static void checkPassphrase(String what, String p) {
        if (p == null) {
            return;
        }
        int n = p.getBytes(StandardCharsets.UTF_8).length;
        if (n < SrtOption.MIN_PASSPHRASE_LENGTH || n > SrtOption.MAX_PASSPHRASE_LENGTH) {
            throw new IllegalArgumentException("SRT " + what + " must be " + SrtOption.MIN_PASSPHRASE_LENGTH + ".."
                    + SrtOption.MAX_PASSPHRASE_LENGTH + " bytes, was " + n);
        }
    }
}
