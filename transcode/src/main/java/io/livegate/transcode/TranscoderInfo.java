package io.livegate.transcode;

import io.livegate.media.Codec;

/**
 * One transcoded track of a stream, for the API and metrics.
 *
 * @param path            the stream
 * @param trackId         the AAC track (the Opus track keeps the id)
 * @param inputCodec      {@link Codec#AAC}
 * @param inputSampleRate decoded sampling rate (after SBR), or the AudioSpecificConfig's before the first frame
 * @param inputChannels   decoded channels (after PS), or the AudioSpecificConfig's before the first frame
 * @param outputBitrate   Opus bitrate in bit/s
 * @param framesIn        AAC frames received
 * @param framesOut       Opus packets produced
 * @param badFrames       AAC frames that failed to decode (replaced by silence)
 * @param reanchors       times the Opus timeline was re-anchored on the AAC timeline (gaps, discontinuities)
 * @param cpuNanos        CPU time spent transcoding this stream (all its tracks)
 * @param subscribers     viewers sharing this transcoder
 */
public record TranscoderInfo(String path, int trackId, Codec inputCodec, int inputSampleRate, int inputChannels,
                             int outputBitrate, long framesIn, long framesOut, long badFrames, long reanchors,
                             long cpuNanos, int subscribers) {
}
