package io.livegate.srt;

import java.util.Map;

/**
 * Totals since the server started, for metrics.
 *
 * @param sessionsAccepted  connections that became publishing sessions
 * @param rejectsByCode     handshakes refused in the listen callback, by SRT reject code (1400, 1409, ...)
 * @param refusedAfterAccept connections closed right after accept (the router's publish hook or a full server)
 * @param endsByReason      sessions ended, by kind: {@code peer} (closed or broken), {@code idle},
 *                          {@code router} (taken over, disconnected), {@code shutdown}, or a
 *                          {@link io.livegate.srt.mpegts.TsException.Reason} name for bad input
 * @param bytesIn           payload bytes received over all sessions, ended ones included
 */
public record SrtCounters(long sessionsAccepted, Map<Integer, Long> rejectsByCode, long refusedAfterAccept,
                          Map<String, Long> endsByReason, long bytesIn) {

    public SrtCounters {
        rejectsByCode = Map.copyOf(rejectsByCode);
        endsByReason = Map.copyOf(endsByReason);
    }
}
