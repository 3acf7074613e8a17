package io.livegate.rtmp;

import io.livegate.codec.h264.AvcDecoderConfig;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.rtmp.flv.FlvCodec;
import io.livegate.rtmp.flv.FlvException;
import io.livegate.rtmp.flv.FlvException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns an FLV sequence header (the decoder configuration record of each codec) into core-router track
 * parameters. Only the container-level records are read here (avcC via {@code codec.h264}; hvcC, av1C, vpcC,
 * AudioSpecificConfig's rate and OpusHead field by field); bitstream facts (resolution, profile names) are the
 * {@code io.livegate.codec} packages' business.
 */
final class SequenceHeaders {

    /** What a sequence header configures. */
    record Config(Codec codec, int clockRate, CodecParameters parameters, int nalLengthSize) {
    }

    private static final int[] AAC_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000,
        11025, 8000, 7350};

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
            case HEVC -> hvcC(record);
            case AV1 -> {
                need(record, 4, "av1C");
                if ((record[0] & 0xFF) != 0x81) {
                    throw new FlvException(Reason.TRUNCATED, "av1C marker/version " + (record[0] & 0xFF) + " != 0x81");
                }
                byte[] seq = sequenceHeaderObu(record, 4);
                yield new Config(Codec.AV1, 90_000, seq == null ? null : new CodecParameters.Av1Parameters(seq), 0);
            }
            case VP9, VP8 -> {
                // vpcC as written by MP4 muxers starts with a FullBox version 1 and 24 flag bits.
                int p = record.length >= 12 && record[0] == 1 && record[1] == 0 && record[2] == 0 && record[3] == 0 ? 4 : 0;
                need(record, p + 3, "vpcC");
                int profile = record[p] & 0xFF;
                int bitDepth = (record[p + 2] & 0xFF) >>> 4;
                yield new Config(codec == FlvCodec.VP9 ? Codec.VP9 : Codec.VP8, 90_000,
                        new CodecParameters.VpxParameters(profile, bitDepth, 0, 0), 0);
            }
            case AAC -> new Config(Codec.AAC, aacSampleRate(record), new CodecParameters.AacParameters(record), 0);
            case OPUS -> opusHead(record);
        };
    }

    private static Config hvcC(byte[] r) {
        need(r, 23, "hvcC");
        int lengthSize = (r[21] & 0x03) + 1;
        int arrays = r[22] & 0xFF;
        int p = 23;
        List<byte[]> vps = new ArrayList<>();
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        for (int i = 0; i < arrays; i++) {
            need(r, p + 3, "hvcC array");
            int type = r[p] & 0x3F;
            int n = (r[p + 1] & 0xFF) << 8 | (r[p + 2] & 0xFF);
            p += 3;
            for (int j = 0; j < n; j++) {
                need(r, p + 2, "hvcC NAL length");
                int nalLen = (r[p] & 0xFF) << 8 | (r[p + 1] & 0xFF);
                p += 2;
                need(r, p + nalLen, "hvcC NAL unit");
                byte[] nal = Arrays.copyOfRange(r, p, p + nalLen);
                p += nalLen;
                switch (type) {
                    case 32 -> vps.add(nal);
                    case 33 -> sps.add(nal);
                    case 34 -> pps.add(nal);
                    default -> {
                        // SEI and others are not parameters
                    }
                }
            }
        }
        if (sps.isEmpty() || pps.isEmpty()) {
            throw new FlvException(Reason.TRUNCATED, "hvcC without SPS or PPS");
        }
        return new Config(Codec.H265, 90_000, new CodecParameters.H265Parameters(vps, sps, pps), lengthSize);
    }

    /** The first sequence header OBU (type 1) in a run of sized OBUs, or null. */
    static byte[] sequenceHeaderObu(byte[] b, int from) {
        for (byte[] obu : Av1Obus.split(b, from, b.length - from)) {
            if (Av1Obus.type(obu) == Av1Obus.SEQUENCE_HEADER) {
                return obu;
            }
        }
        return null;
    }

    /** The sampling rate of an AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1), which is the AAC track clock. */
    private static int aacSampleRate(byte[] asc) {
        need(asc, 2, "AudioSpecificConfig");
        long bits = 0;
        for (int i = 0; i < Math.min(asc.length, 8); i++) {
            bits |= (long) (asc[i] & 0xFF) << (56 - 8 * i);
        }
        int pos = 5;
        if ((bits >>> 59) == 31) {
            pos += 6; // escaped audio object type
        }
        int index = (int) (bits >>> (64 - pos - 4)) & 0x0F;
        pos += 4;
        if (index == 15) {
            need(asc, (pos + 24 + 7) / 8, "AudioSpecificConfig explicit rate");
            int rate = (int) (bits >>> (64 - pos - 24)) & 0xFF_FFFF;
            if (rate < 1000 || rate > 192_000) {
                throw new FlvException(Reason.TRUNCATED, "AAC sample rate " + rate + " not in 1000..192000");
            }
            return rate;
        }
        if (index >= AAC_RATES.length) {
            throw new FlvException(Reason.TRUNCATED, "AAC sampling frequency index " + index);
        }
        return AAC_RATES[index];
    }

    private static Config opusHead(byte[] r) {
        boolean ogg = r.length >= 19 && new String(r, 0, 8, java.nio.charset.StandardCharsets.US_ASCII).equals("OpusHead");
        int channels;
        int preSkip;
        long rate;
        if (ogg) {
            channels = r[9] & 0xFF;
            preSkip = (r[10] & 0xFF) | (r[11] & 0xFF) << 8;
            rate = (r[12] & 0xFFL) | (r[13] & 0xFFL) << 8 | (r[14] & 0xFFL) << 16 | (r[15] & 0xFFL) << 24;
        } else {
            // dOps (ISO BMFF Opus): version, channels, pre-skip and rate big-endian.
            need(r, 11, "OpusHead/dOps");
            channels = r[1] & 0xFF;
            preSkip = (r[2] & 0xFF) << 8 | (r[3] & 0xFF);
            rate = (r[4] & 0xFFL) << 24 | (r[5] & 0xFFL) << 16 | (r[6] & 0xFFL) << 8 | (r[7] & 0xFFL);
        }
        if (channels == 0) {
            throw new FlvException(Reason.TRUNCATED, "Opus header with 0 channels");
        }
        return new Config(Codec.OPUS, 48_000,
                new CodecParameters.OpusParameters(channels, preSkip, (int) Math.min(rate, Integer.MAX_VALUE)), 0);
    }

    private static void need(byte[] r, int n, String what) {
        if (r.length < n) {
            throw new FlvException(Reason.TRUNCATED, what + " of " + r.length + " bytes < " + n);
        }
    }
}
