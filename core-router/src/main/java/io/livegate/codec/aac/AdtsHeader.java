package io.livegate.codec.aac;

import io.livegate.codec.CodecException;
import java.util.ArrayList;
import java.util.List;

/**
 * One ADTS frame header (ISO/IEC 14496-3 1.A.2.2, Table 1.A.5 to 1.A.7), as AAC travels in MPEG-TS and .aac files.
 * A CRC (protection_absent = 0) is read and kept but not verified; a frame with several raw data blocks and a
 * CRC (which carries per-block positions) is UNSUPPORTED, as no live encoder we know writes it.
 *
 * @param mpeg2                  ID bit: true for MPEG-2 AAC, false for MPEG-4 (the payload is the same)
 * @param protectionAbsent       true when no CRC follows the fixed and variable header
 * @param objectType             profile_ObjectType + 1 (1 Main, 2 LC, 3 SSR, 4 LTP)
 * @param samplingFrequencyIndex 0..12
 * @param channelConfiguration   0..7 (0: a PCE in the payload describes the channels)
 * @param frameLength            bytes of the whole frame, header included
 * @param bufferFullness         adts_buffer_fullness (0x7ff: variable rate)
 * @param rawDataBlocks          AAC frames in this ADTS frame, 1..4
 * @param crc                    the CRC word, or -1 when protection is absent
 */
public record AdtsHeader(boolean mpeg2, boolean protectionAbsent, int objectType, int samplingFrequencyIndex,
                         int channelConfiguration, int frameLength, int bufferFullness, int rawDataBlocks, int crc) {

    /** Bytes of a header without CRC. */
    public static final int MIN_HEADER_LENGTH = 7;

    public AdtsHeader {
        CodecException.checkRange("ADTS object type", objectType, 1, 4);
        CodecException.checkRange("ADTS sampling_frequency_index", samplingFrequencyIndex, 0, 12);
        CodecException.checkRange("ADTS channel_configuration", channelConfiguration, 0, 7);
        CodecException.checkRange("ADTS raw data blocks", rawDataBlocks, 1, 4);
        CodecException.checkRange("ADTS buffer fullness", bufferFullness, 0, 0x7ff);
        if (!protectionAbsent && rawDataBlocks > 1) {
            throw CodecException.unsupported("ADTS CRC with " + rawDataBlocks + " raw data blocks");
        }
        int header = protectionAbsent ? 7 : 9;
        CodecException.checkRange("ADTS frame_length", frameLength, header, 0x1fff);
    }

    /** 7, or 9 with the CRC. */
    public int headerLength() {
        return protectionAbsent ? 7 : 9;
    }

    /** Bytes of raw AAC data after the header. */
    public int payloadLength() {
        return frameLength - headerLength();
    }

    public int sampleRate() {
        return AudioSpecificConfig.SAMPLE_RATES[samplingFrequencyIndex];
    }

    /** Parses the header at the start of {@code buf}. */
    public static AdtsHeader parse(byte[] buf) {
        return parse(buf, 0, buf.length);
    }

    /**
     * Parses the header at {@code buf[off]}; the frame's payload need not be present.
     *
     * @throws CodecException TRUNCATED when fewer than the header's bytes are there, MALFORMED on a bad sync word
     *                        or layer
     */
    public static AdtsHeader parse(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off + len > buf.length || off + len < 0) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " outside " + buf.length);
        }
        if (len < MIN_HEADER_LENGTH) {
            throw CodecException.truncated("ADTS header", MIN_HEADER_LENGTH, len);
        }
        int b0 = buf[off] & 0xff;
        int b1 = buf[off + 1] & 0xff;
        int b2 = buf[off + 2] & 0xff;
        int b3 = buf[off + 3] & 0xff;
        int b4 = buf[off + 4] & 0xff;
        int b5 = buf[off + 5] & 0xff;
        int b6 = buf[off + 6] & 0xff;
        if (b0 != 0xff || (b1 & 0xf0) != 0xf0) {
            throw CodecException.malformed("ADTS sync word 0x" + Integer.toHexString((b0 << 4) | (b1 >> 4))
                    + ", expected 0xfff");
        }
        if ((b1 & 0x06) != 0) {
            throw CodecException.malformed("ADTS layer " + ((b1 >> 1) & 3) + ", expected 0");
        }
        boolean mpeg2 = (b1 & 0x08) != 0;
        boolean protectionAbsent = (b1 & 1) != 0;
        int objectType = (b2 >> 6) + 1;
        int sfIndex = (b2 >> 2) & 0xf;
        if (sfIndex > 12) {
            throw CodecException.malformed("ADTS sampling_frequency_index " + sfIndex + " is reserved");
        }
        int channelConfig = ((b2 & 1) << 2) | (b3 >> 6);
        int frameLength = ((b3 & 3) << 11) | (b4 << 3) | (b5 >> 5);
        int fullness = ((b5 & 0x1f) << 6) | (b6 >> 2);
        int blocks = (b6 & 3) + 1;
        int crc = -1;
        if (!protectionAbsent) {
            if (len < 9) {
                throw CodecException.truncated("ADTS header with CRC", 9, len);
            }
            crc = ((buf[off + 7] & 0xff) << 8) | (buf[off + 8] & 0xff);
        }
        if (frameLength < (protectionAbsent ? 7 : 9)) {
            throw CodecException.malformed("ADTS frame_length " + frameLength + " shorter than its header");
        }
        return new AdtsHeader(mpeg2, protectionAbsent, objectType, sfIndex, channelConfig, frameLength, fullness,
                blocks, crc);
    }

    /** Writes the 7- or 9-byte header. */
    public byte[] toBytes() {
        byte[] b = new byte[headerLength()];
        b[0] = (byte) 0xff;
        b[1] = (byte) (0xf0 | (mpeg2 ? 8 : 0) | (protectionAbsent ? 1 : 0));
        b[2] = (byte) (((objectType - 1) << 6) | (samplingFrequencyIndex << 2) | (channelConfiguration >> 2));
        b[3] = (byte) (((channelConfiguration & 3) << 6) | (frameLength >> 11));
        b[4] = (byte) (frameLength >> 3);
        b[5] = (byte) (((frameLength & 7) << 5) | (bufferFullness >> 6));
        b[6] = (byte) (((bufferFullness & 0x3f) << 2) | (rawDataBlocks - 1));
        if (!protectionAbsent) {
            b[7] = (byte) (crc >> 8);
            b[8] = (byte) crc;
        }
        return b;
    }

    /** A header for one raw AAC frame of {@code payloadLength} bytes, as a TS muxer writes it. */
    public static AdtsHeader forPayload(AudioSpecificConfig asc, int payloadLength) {
        int index = AudioSpecificConfig.sampleRateIndex(asc.sampleRate());
        if (asc.objectType() < 1 || asc.objectType() > 4 || index < 0 || asc.channelConfiguration() == 0
                || asc.channelConfiguration() > 7) {
            throw CodecException.unsupported("ADTS cannot carry object type " + asc.objectType() + " at "
                    + asc.sampleRate() + " Hz, channelConfiguration " + asc.channelConfiguration());
        }
        if (payloadLength < 0 || payloadLength + 7 > 0x1fff) {
            throw CodecException.tooLong("ADTS payload length", payloadLength, 0x1fff - 7);
        }
        return new AdtsHeader(false, true, asc.objectType(), index, asc.channelConfiguration(), payloadLength + 7,
                0x7ff, 1, -1);
    }

    /**
     * The AudioSpecificConfig this header implies (no SBR signalling: HE-AAC in ADTS is implicit).
     *
     * @throws CodecException UNSUPPORTED for channel configuration 0 (the PCE is in the payload)
     */
    public AudioSpecificConfig toAudioSpecificConfig() {
        if (channelConfiguration == 0) {
            throw CodecException.unsupported("ADTS channel_configuration 0 (PCE in the payload)");
        }
        return new AudioSpecificConfig(objectType, sampleRate(), AudioSpecificConfig.channelsOf(channelConfiguration),
                1024, channelConfiguration, null);
    }

    /**
     * Splits consecutive ADTS frames (a PES payload, an .aac file) into their raw payloads (copies).
     *
     * @param maxFrames bound on the frames returned
     * @throws CodecException TRUNCATED when the last frame is incomplete, TOO_LONG past {@code maxFrames}
     */
    public static List<byte[]> splitPayloads(byte[] buf, int off, int len, int maxFrames) {
        if (off < 0 || len < 0 || off + len > buf.length || off + len < 0) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " outside " + buf.length);
        }
        List<byte[]> out = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            AdtsHeader h = parse(buf, p, end - p);
            if (h.frameLength > end - p) {
                throw CodecException.truncated("ADTS frame", h.frameLength, end - p);
            }
            if (out.size() == maxFrames) {
                throw CodecException.tooLong("ADTS frames", out.size() + 1L, maxFrames);
            }
            byte[] payload = new byte[h.payloadLength()];
            System.arraycopy(buf, p + h.headerLength(), payload, 0, payload.length);
            out.add(payload);
            p += h.frameLength;
        }
        return out;
    }
}
