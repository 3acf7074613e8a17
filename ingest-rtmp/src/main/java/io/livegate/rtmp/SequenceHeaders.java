package io.livegate.rtmp;

import io.livegate.codec.aac.AudioSpecificConfig;
import io.livegate.codec.av1.Av1CodecConfig;
import io.livegate.codec.h264.AvcDecoderConfig;
import io.livegate.codec.h265.HevcDecoderConfig;
import io.livegate.codec.opus.OpusHead;
import io.livegate.codec.vp9.Vp9CodecConfig;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.rtmp.flv.FlvCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns an FLV sequence header (each codec's decoder configuration record) into core-router track parameters,
 * with the {@code io.livegate.codec} parsers: avcC, hvcC, av1C, vpcC, AudioSpecificConfig, OpusHead (or dOps).
 */
final class SequenceHeaders {

    /** What a sequence header configures; {@code nalLengthSize} is the AVCC/HVCC NAL length field size. */
    record Config(Codec codec, int clockRate, CodecParameters parameters, int nalLengthSize) {
    }

    private static final byte[] OPUS_HEAD_MAGIC = "OpusHead".getBytes(StandardCharsets.US_ASCII);

    private SequenceHeaders() {
    }

    static Config parse(FlvCodec codec, byte[] b, int off, int len) {
        byte[] record = Arrays.copyOfRange(b, off, off + len);
        return switch (codec) {
            case AVC -> {
                AvcDecoderConfig avcC = AvcDecoderConfig.parse(record);
                yield new Config(Codec.H264, 90_000, new CodecParameters.H264Parameters(avcC.sps(), avcC.pps()),
                        avcC.lengthSize());
            }
            case HEVC -> {
                HevcDecoderConfig hvcC = HevcDecoderConfig.parse(record);
                yield new Config(Codec.H265, 90_000, hvcC.toParameters(), hvcC.lengthSize());
            }
            case AV1 -> {
                // configOBUs may be empty: the sequence header then comes in band with the first keyframe.
                byte[] seq = Av1CodecConfig.parse(record).sequenceHeaderObu();
                yield new Config(Codec.AV1, 90_000, seq == null ? null : new CodecParameters.Av1Parameters(seq), 0);
            }
            case VP9, VP8 -> {
                Vp9CodecConfig vpcC = Vp9CodecConfig.parse(withFullBoxHeader(record));
                yield new Config(codec == FlvCodec.VP9 ? Codec.VP9 : Codec.VP8, 90_000,
                        new CodecParameters.VpxParameters(vpcC.profile(), vpcC.bitDepth(), 0, 0), 0);
            }
            case AAC -> new Config(Codec.AAC, AudioSpecificConfig.parse(record).sampleRate(),
                    new CodecParameters.AacParameters(record), 0);
            case OPUS -> {
                boolean ogg = record.length >= 8
                        && Arrays.equals(record, 0, 8, OPUS_HEAD_MAGIC, 0, 8);
                OpusHead head = ogg ? OpusHead.parse(record) : OpusHead.parseDops(record);
                yield new Config(Codec.OPUS, 48_000, head.toParameters(), 0);
            }
        };
    }

    /**
     * Enhanced RTMP carries the bare VPCodecConfigurationRecord; MP4's vpcC box (which some encoders copy)
     * starts with a FullBox version 1 and 24 flag bits. Accept both.
     */
    private static byte[] withFullBoxHeader(byte[] record) {
        if (record.length >= 12 && record[0] == 1 && record[1] == 0 && record[2] == 0 && record[3] == 0) {
            return record;
        }
        byte[] r = new byte[record.length + 4];
        r[0] = 1;
        System.arraycopy(record, 0, r, 4, record.length);
        return r;
    }
}
