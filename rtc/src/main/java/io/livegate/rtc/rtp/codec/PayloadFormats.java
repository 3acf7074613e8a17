package io.livegate.rtc.rtp.codec;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Track;

/** The one place that picks a packetizer or depacketizer by codec. */
public final class PayloadFormats {

    private PayloadFormats() {
    }

    /** A packetizer for this track (H.264/H.265 take its parameter sets for IDR/IRAP pictures). */
    public static RtpPacketizer packetizer(Track track) {
        CodecParameters p = track.parameters();
        return switch (track.codec()) {
            case H264 -> new H264Packetizer(p instanceof CodecParameters.H264Parameters h ? h : null);
            case H265 -> new H265Packetizer(p instanceof CodecParameters.H265Parameters h ? h : null);
            case VP8 -> new Vp8Packetizer();
            case VP9 -> new Vp9Packetizer();
            case AV1 -> new Av1Packetizer();
            case OPUS -> new OpusPacketizer();
            case AAC -> throw new IllegalArgumentException("AAC has no WebRTC payload format; transcode to Opus");
        };
    }

    public static RtpDepacketizer depacketizer(Codec codec, DepacketizerLimits limits) {
        return switch (codec) {
            case H264 -> new H264Depacketizer(limits);
            case H265 -> new H265Depacketizer(limits);
            case VP8 -> new Vp8Depacketizer(limits);
            case VP9 -> new Vp9Depacketizer(limits);
            case AV1 -> new Av1Depacketizer(limits);
            case OPUS -> new OpusDepacketizer();
            case AAC -> throw new IllegalArgumentException("AAC has no WebRTC payload format");
        };
    }
}
