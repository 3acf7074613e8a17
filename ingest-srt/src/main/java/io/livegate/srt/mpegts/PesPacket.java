package io.livegate.srt.mpegts;

/**
 * One reassembled PES packet (ISO/IEC 13818-1 2.4.3.6): its timestamps, already unwrapped, and its payload
 * (the elementary-stream bytes after the PES header) as a view into {@code data}, valid during the callback.
 *
 * @param pid          the elementary PID
 * @param streamId     stream_id
 * @param pts          presentation time, 90 kHz, unwrapped; -1 when the header has none
 * @param dts          decoding time, 90 kHz, unwrapped; equals pts when the header has none
 * @param randomAccess the adaptation field of its first packet set random_access_indicator
 * @param damaged      a continuity gap, transport error or length mismatch hit this packet
 * @param bounded      the header gave a PES_packet_length (0 means unbounded, allowed for video only)
 */
public record PesPacket(int pid, int streamId, long pts, long dts, boolean randomAccess, boolean damaged,
                        boolean bounded, byte[] data, int offset, int length) {
}
