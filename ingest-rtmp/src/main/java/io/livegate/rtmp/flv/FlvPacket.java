package io.livegate.rtmp.flv;

/**
 * One codec packet from an RTMP audio or video message (a multitrack message gives several). The bytes are a
 * view into the array the reader was given: copy what you keep.
 *
 * @param codec           the codec
 * @param trackId         Enhanced RTMP track id (0 for legacy and single-track packets)
 * @param kind            what the bytes are
 * @param keyframe        video frame type 1 (keyframe); always true for audio
 * @param compositionTime video pts - dts in milliseconds (0 for audio)
 * @param data            the array holding the payload
 * @param offset          payload start in {@code data}
 * @param length          payload length
 */
public record FlvPacket(FlvCodec codec, int trackId, Kind kind, boolean keyframe, int compositionTime, byte[] data,
                        int offset, int length) {

    /** What a packet carries. */
    public enum Kind {
        /** Decoder configuration: avcC/hvcC/av1C/vpcC, AudioSpecificConfig, OpusHead. */
        SEQUENCE_START,
        /** One access unit or audio frame. */
        CODED_FRAMES,
        /** End of the sequence (the track may be reconfigured next). */
        SEQUENCE_END,
        /** AMF-encoded metadata such as colorInfo; the payload is the AMF bytes. */
        METADATA
    }

    public boolean isVideo() {
        return codec.isVideo();
    }
}
