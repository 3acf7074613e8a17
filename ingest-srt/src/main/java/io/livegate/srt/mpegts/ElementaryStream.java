package io.livegate.srt.mpegts;

/**
 * One entry of the program map table.
 *
 * @param pid          the elementary PID
 * @param streamType   stream_type as sent
 * @param kind         what it carries
 * @param registration format_identifier of a registration descriptor, or 0
 * @param channels     Opus channel count from the extension descriptor, or 0 when absent / not Opus
 */
public record ElementaryStream(int pid, int streamType, StreamKind kind, int registration, int channels) {
}
