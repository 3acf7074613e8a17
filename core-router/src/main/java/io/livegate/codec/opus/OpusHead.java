package io.livegate.codec.opus;

import io.livegate.codec.CodecException;
import io.livegate.media.CodecParameters.OpusParameters;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Opus identification header, in its two encodings: the Ogg "OpusHead" packet of RFC 7845 5.1
 * (little-endian, magic first) and the body of the ISOBMFF {@code dOps} box of "Encapsulation of Opus in ISO Base
 * Media File Format" 4.3.2 (version 0, big-endian, no magic).
 *
 * @param channels        output channel count, 1..255
 * @param preSkip         48 kHz samples to discard at the start
 * @param inputSampleRate the encoder's input rate (informational; Opus always decodes at 48 kHz)
 * @param outputGain      Q7.8 dB gain to apply
 * @param mappingFamily   0 (mono/stereo), 1 (Vorbis order surround), 255 (unspecified) or another family
 * @param streamCount     Opus streams in each packet (1 for family 0)
 * @param coupledCount    stereo streams among them (channels - 1 for family 0)
 * @param channelMapping  one entry per output channel for families other than 0; empty for family 0
 */
public record OpusHead(int channels, int preSkip, long inputSampleRate, int outputGain, int mappingFamily,
                       int streamCount, int coupledCount, byte[] channelMapping) {

    private static final byte[] MAGIC = {'O', 'p', 'u', 's', 'H', 'e', 'a', 'd'};

    public OpusHead {
        CodecException.checkRange("Opus channel count", channels, 1, 255);
        CodecException.checkRange("Opus pre-skip", preSkip, 0, 0xffff);
        CodecException.checkRange("Opus input sample rate", inputSampleRate, 0, 0xffffffffL);
        CodecException.checkRange("Opus output gain", outputGain, Short.MIN_VALUE, Short.MAX_VALUE);
        CodecException.checkRange("Opus mapping family", mappingFamily, 0, 255);
        channelMapping = channelMapping.clone();
        if (mappingFamily == 0) {
            CodecException.checkRange("Opus family 0 channel count", channels, 1, 2);
            if (streamCount != 1 || coupledCount != channels - 1 || channelMapping.length != 0) {
                throw CodecException.malformed("Opus family 0 implies 1 stream, " + (channels - 1)
                        + " coupled and no mapping table");
            }
        } else {
            if (mappingFamily == 1) {
                CodecException.checkRange("Opus family 1 channel count", channels, 1, 8);
            }
            CodecException.checkRange("Opus stream count", streamCount, 1, 255);
            CodecException.checkRange("Opus coupled stream count", coupledCount, 0, streamCount);
            CodecException.checkRange("Opus streams plus coupled streams", streamCount + coupledCount, 1, 255);
            if (channelMapping.length != channels) {
                throw CodecException.malformed("Opus channel mapping has " + channelMapping.length + " entries for "
                        + channels + " channels");
            }
            for (byte m : channelMapping) {
                int v = m & 0xff;
                if (v != 255 && v >= streamCount + coupledCount) {
                    throw CodecException.malformed("Opus channel mapping entry " + v + " >= "
                            + (streamCount + coupledCount) + " decoded channels");
                }
            }
        }
    }

    /** A family-0 header (mono or stereo), as WebRTC and RTMP carry Opus. */
    public static OpusHead of(int channels, int preSkip, long inputSampleRate) {
        return new OpusHead(channels, preSkip, inputSampleRate, 0, 0, 1, channels - 1, new byte[0]);
    }

    /** A family-0 header from track parameters; more than 2 channels is MALFORMED (family 0 is mono or stereo). */
    public static OpusHead of(OpusParameters p) {
        return of(p.channels(), p.preSkip(), p.inputSampleRate());
    }

    public OpusParameters toParameters() {
        return new OpusParameters(channels, preSkip, (int) Math.min(inputSampleRate, Integer.MAX_VALUE));
    }

    /** Parses an Ogg OpusHead packet (RFC 7845 5.1). Any version 0.x is accepted; trailing bytes are ignored. */
    public static OpusHead parse(byte[] b) {
        if (b.length < 19) {
            throw CodecException.truncated("OpusHead", 19, b.length);
        }
        if (!Arrays.equals(b, 0, 8, MAGIC, 0, 8)) {
            throw CodecException.malformed("OpusHead magic missing");
        }
        int version = b[8] & 0xff;
        if ((version & 0xf0) != 0) {
            throw CodecException.unsupported("OpusHead version " + version + " (major version must be 0)");
        }
        int channels = b[9] & 0xff;
        int preSkip = (b[10] & 0xff) | (b[11] & 0xff) << 8;
        long rate = (b[12] & 0xffL) | (b[13] & 0xffL) << 8 | (b[14] & 0xffL) << 16 | (b[15] & 0xffL) << 24;
        int gain = (short) ((b[16] & 0xff) | (b[17] & 0xff) << 8);
        int family = b[18] & 0xff;
        return withMapping(b, 19, channels, preSkip, rate, gain, family);
    }

    /** Parses a dOps box body (version 0, big-endian). */
    public static OpusHead parseDops(byte[] b) {
        if (b.length < 11) {
            throw CodecException.truncated("dOps", 11, b.length);
        }
        if (b[0] != 0) {
            throw CodecException.unsupported("dOps version " + (b[0] & 0xff) + ", expected 0");
        }
        int channels = b[1] & 0xff;
        int preSkip = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        long rate = (b[4] & 0xffL) << 24 | (b[5] & 0xffL) << 16 | (b[6] & 0xffL) << 8 | (b[7] & 0xffL);
        int gain = (short) ((b[8] & 0xff) << 8 | (b[9] & 0xff));
        int family = b[10] & 0xff;
        return withMapping(b, 11, channels, preSkip, rate, gain, family);
    }

    private static OpusHead withMapping(byte[] b, int p, int channels, int preSkip, long rate, int gain, int family) {
        if (channels == 0) {
            throw CodecException.malformed("Opus channel count 0");
        }
        if (family == 0) {
            return new OpusHead(channels, preSkip, rate, gain, 0, 1, channels - 1, new byte[0]);
        }
        int need = p + 2 + channels;
        if (b.length < need) {
            throw CodecException.truncated("Opus channel mapping table", need - p, b.length - p);
        }
        int streams = b[p] & 0xff;
        int coupled = b[p + 1] & 0xff;
        byte[] mapping = Arrays.copyOfRange(b, p + 2, need);
        return new OpusHead(channels, preSkip, rate, gain, family, streams, coupled, mapping);
    }

    /** The Ogg OpusHead packet, version 1. */
    public byte[] toBytes() {
        byte[] b = new byte[19 + (mappingFamily == 0 ? 0 : 2 + channels)];
        System.arraycopy(MAGIC, 0, b, 0, 8);
        b[8] = 1;
        b[9] = (byte) channels;
        b[10] = (byte) preSkip;
        b[11] = (byte) (preSkip >> 8);
        for (int i = 0; i < 4; i++) {
            b[12 + i] = (byte) (inputSampleRate >> (8 * i));
        }
        b[16] = (byte) outputGain;
        b[17] = (byte) (outputGain >> 8);
        b[18] = (byte) mappingFamily;
        writeMapping(b, 19);
        return b;
    }

    /** The dOps box body. */
    public byte[] toDops() {
        byte[] b = new byte[11 + (mappingFamily == 0 ? 0 : 2 + channels)];
        b[1] = (byte) channels;
        b[2] = (byte) (preSkip >> 8);
        b[3] = (byte) preSkip;
        for (int i = 0; i < 4; i++) {
            b[4 + i] = (byte) (inputSampleRate >> (24 - 8 * i));
        }
        b[8] = (byte) (outputGain >> 8);
        b[9] = (byte) outputGain;
        b[10] = (byte) mappingFamily;
        writeMapping(b, 11);
        return b;
    }

    private void writeMapping(byte[] b, int p) {
        if (mappingFamily != 0) {
            b[p] = (byte) streamCount;
            b[p + 1] = (byte) coupledCount;
            System.arraycopy(channelMapping, 0, b, p + 2, channels);
        }
    }

    @Override
    public byte[] channelMapping() {
        return channelMapping.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpusHead h && channels == h.channels && preSkip == h.preSkip
                && inputSampleRate == h.inputSampleRate && outputGain == h.outputGain
                && mappingFamily == h.mappingFamily && streamCount == h.streamCount && coupledCount == h.coupledCount
                && Arrays.equals(channelMapping, h.channelMapping);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channels, preSkip, inputSampleRate, outputGain, mappingFamily, streamCount, coupledCount,
                Arrays.hashCode(channelMapping));
    }

    @Override
    public String toString() {
        return "OpusHead[channels=" + channels + ", preSkip=" + preSkip + ", inputSampleRate=" + inputSampleRate
                + ", outputGain=" + outputGain + ", family=" + mappingFamily + ", streams=" + streamCount
                + ", coupled=" + coupledCount + ", mapping=" + Arrays.toString(channelMapping) + "]";
    }
}
