package io.livegate.rtmp;

import java.time.Instant;

/**
 * One RTMP connection, for the API and metrics.
 *
 * @param path                     the stream path published to, or empty before publish
 * @param protocol                 {@code rtmp} or {@code rtmps}
 * @param remoteAddress            the peer
 * @param encoder                  the {@code encoder} field of onMetaData (e.g. "Lavf59.27.100", "obs-output module"), or empty
 * @param flashVer                 the {@code flashVer} of connect (e.g. "FMLE/3.0 (compatible; FMSc/1.0)"), or empty
 * @param bytesIn                  bytes received on the connection
 * @param bitrate                  receive rate over the last measured second, bits per second
 * @param frameRate                video frames per second over the last measured second
 * @param keyframeIntervalSeconds  time between the last two video keyframes, 0 before the second keyframe
 * @param invalidTags              audio/video tags that could not be parsed
 * @param droppedTags              well-formed tags not forwarded (no sequence header yet, unsupported codec)
 * @param started                  when the connection was accepted
 */
public record RtmpSessionInfo(String path, String protocol, String remoteAddress, String encoder, String flashVer,
                              long bytesIn, long bitrate, double frameRate, double keyframeIntervalSeconds,
                              long invalidTags, long droppedTags, Instant started) {
}
