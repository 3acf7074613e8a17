package io.livegate.rtc.sdp;

import io.livegate.media.Codec;
import java.util.Map;

/**
 * The codec an answer settled on for a media section.
 *
 * @param payloadType    the offerer's payload type, used in both directions
 * @param channels       audio channels from rtpmap, 0 for video
 * @param parameters     the fmtp parameters as offered
 * @param rtxPayloadType the RTX payload type paired by apt (RFC 4588), or -1
 */
public record NegotiatedCodec(Codec codec, int payloadType, int clockRate, int channels,
                              Map<String, String> parameters, int rtxPayloadType) {

    public NegotiatedCodec {
        parameters = Map.copyOf(parameters);
    }

    public boolean hasRtx() {
        return rtxPayloadType >= 0;
    }
}
