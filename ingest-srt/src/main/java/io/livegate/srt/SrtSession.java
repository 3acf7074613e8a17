package io.livegate.srt;

import io.livegate.router.Publisher;
import io.livegate.srt.binding.SrtStats;
import io.livegate.srt.mpegts.TsDemuxer;
import java.time.Instant;

/** One accepted SRT connection; owned by the server's I/O thread, read by {@link SrtServer#sessions()}. */
final class SrtSession {

    final int socket;
    final String remote;
    final StreamId streamId;
    final Instant started = Instant.now();
    final long startedNanos = System.nanoTime();
    final int latencyMs;
    final boolean encrypted;
    Publisher publisher;
    SrtPublisher media;
    TsDemuxer demuxer;
    long lastDataNanos = System.nanoTime();
    volatile long bytesIn;
    volatile SrtStats stats = SrtStats.EMPTY;
    volatile long continuityErrors;
    volatile long framesIn;
    boolean closed;

    SrtSession(int socket, String remote, StreamId streamId, int latencyMs, boolean encrypted) {
        this.socket = socket;
        this.remote = remote;
        this.streamId = streamId;
        this.latencyMs = latencyMs;
        this.encrypted = encrypted;
    }

    String label() {
        return "peer=" + remote + " path=" + streamId.resource();
    }

    SrtSessionInfo info() {
        SrtStats s = stats;
        return new SrtSessionInfo(streamId.resource(), remote, streamId.redacted(), bytesIn,
                Math.round(s.mbpsReceiveRate() * 1_000_000), s.packetsLost(), s.packetsRetransmitted(),
                s.packetsDropped(), s.rttMs(), latencyMs, encrypted, s.receiveBufferMs(), continuityErrors, framesIn,
                started);
    }
}
