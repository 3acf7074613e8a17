package io.livegate.whep.media;

import io.livegate.media.Codec;
import java.util.List;

/**
 * One frame of a stream, packetized once into RTP payloads shared (never modified) by every viewer.
 *
 * @param trackId     the source track
 * @param codec       its codec (after transcoding: AAC arrives as Opus)
 * @param timestamp   the frame's pts in the track clock; viewers add their own offset
 * @param keyframe    decoding can start here
 * @param payloads    RTP payloads in order; the last one carries the marker bit
 * @param ingestNanos when the frame entered the gateway
 */
public record PacketizedFrame(int trackId, Codec codec, long timestamp, boolean keyframe, List<byte[]> payloads,
                              long ingestNanos) {

    public PacketizedFrame {
        payloads = List.copyOf(payloads);
    }

    public boolean isVideo() {
        return codec.isVideo();
    }
}
