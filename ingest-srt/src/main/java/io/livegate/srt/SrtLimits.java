package io.livegate.srt;

import io.livegate.srt.mpegts.TsLimits;
import java.time.Duration;

/**
 * Bounds for SRT sessions.
 *
 * @param ts                  the MPEG-TS demuxer's bounds
 * @param maxStreamIdFields   key=value pairs accepted in a stream id
 * @param maxMessagesPerWakeup SRT messages read from one socket before the I/O thread serves the others
 * @param peerIdleTimeout     libsrt breaks a connection after this long without any packet from the peer
 * @param receiveBufferBytes  libsrt receive buffer per connection (SRTO_RCVBUF); 0 keeps libsrt's default
 */
public record SrtLimits(TsLimits ts, int maxStreamIdFields, int maxMessagesPerWakeup, Duration peerIdleTimeout,
                        int receiveBufferBytes) {

    /** 16: the access-control convention defines 6 keys; custom {@code user_*} keys fit beside them. */
    public static final int DEFAULT_MAX_STREAM_ID_FIELDS = StreamId.DEFAULT_MAX_FIELDS;
    /** 256 messages (about 340 KB, 70 ms of a 40 Mbit/s stream) per socket per wakeup keeps sessions fair. */
    public static final int DEFAULT_MAX_MESSAGES_PER_WAKEUP = 256;
    /** 5 s: libsrt's own default; keepalives arrive every second, so this is five missed ones. */
    public static final Duration DEFAULT_PEER_IDLE_TIMEOUT = Duration.ofSeconds(5);
    /** 0: libsrt's default buffer (8192 packets, about 12 MB) covers 120 ms latency up to 800 Mbit/s. */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 0;

    public static final SrtLimits DEFAULTS = new SrtLimits(TsLimits.DEFAULT, DEFAULT_MAX_STREAM_ID_FIELDS,
            DEFAULT_MAX_MESSAGES_PER_WAKEUP, DEFAULT_PEER_IDLE_TIMEOUT, DEFAULT_RECEIVE_BUFFER_BYTES);

    public SrtLimits {
        if (ts == null || peerIdleTimeout == null) {
            throw new IllegalArgumentException("ts limits and peer idle timeout are required");
        }
        if (maxStreamIdFields < 1 || maxMessagesPerWakeup < 1 || receiveBufferBytes < 0
                || peerIdleTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("SRT limits out of range: fields=" + maxStreamIdFields + " messages="
                    + maxMessagesPerWakeup + " rcvbuf=" + receiveBufferBytes + " peerIdle=" + peerIdleTimeout);
        }
    }
}
