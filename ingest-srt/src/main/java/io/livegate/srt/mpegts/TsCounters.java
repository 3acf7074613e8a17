package io.livegate.srt.mpegts;

/**
 * Recoverable problems the demuxer counted (fatal ones throw {@link TsException}).
 *
 * @param packets            transport packets read
 * @param syncLosses         times the sync byte was missing where expected
 * @param skippedBytes       bytes skipped while looking for sync
 * @param continuityErrors   continuity-counter gaps (lost packets)
 * @param transportErrors    packets with transport_error_indicator set
 * @param crcErrors          PSI sections dropped for a bad CRC
 * @param badPes             PES packets dropped for an unusable header
 * @param damagedUnits       access units delivered with the damaged mark
 * @param droppedUnits       access units dropped (no timestamp, unparseable payload)
 */
public record TsCounters(long packets, long syncLosses, long skippedBytes, long continuityErrors,
                         long transportErrors, long crcErrors, long badPes, long damagedUnits, long droppedUnits) {
}
