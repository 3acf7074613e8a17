package io.livegate.transcode.aac;

import io.livegate.codec.CodecException;
import io.livegate.codec.aac.AudioSpecificConfig;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.sourceforge.jaad.aac.Decoder;
import net.sourceforge.jaad.aac.Receiver;

/**
 * Decodes raw AAC frames (no ADTS header) of one track to {@link PcmBlock}s. Not thread-safe: one per track,
 * used by one worker at a time. A failing frame throws {@link AacDecodeException} and leaves the decoder usable;
 * callers that see many failures in a row call {@link #reset()}.
 */
public final class AacDecoder {

    /** Channels this decoder hands out at most (channel configuration 7 is 7.1). */
    public static final int MAX_CHANNELS = 8;

    static {
        // JAAD logs every truncated frame at WARNING through java.util.logging; we count and log them ourselves.
        // Its classes set their logger levels in static initialisers, so initialise them first.
        for (String c : new String[] {"net.sourceforge.jaad.aac.Decoder", "net.sourceforge.jaad.aac.syntax.SyntacticElements"}) {
            try {
                Class.forName(c, true, AacDecoder.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        Logger.getLogger("jaad.aac.Decoder").setLevel(Level.SEVERE);
        Logger.getLogger("jaad.SyntacticElements").setLevel(Level.SEVERE);
    }

    private final byte[] audioSpecificConfig;
    private final AudioSpecificConfig config;
    private final int maxFrameBytes;
    private final PcmBlock block = new PcmBlock();
    private final Capture capture = new Capture();
    private Decoder decoder;

    /**
     * @param audioSpecificConfig the track's AudioSpecificConfig bytes
     * @param maxFrameBytes       frames longer than this are refused
     * @throws AacDecodeException UNSUPPORTED when {@link #supports} says no or the decoder refuses the config
     */
    public AacDecoder(byte[] audioSpecificConfig, int maxFrameBytes) throws AacDecodeException {
        this.audioSpecificConfig = audioSpecificConfig.clone();
        this.config = parseSupported(this.audioSpecificConfig);
        this.maxFrameBytes = maxFrameBytes;
        this.decoder = create();
    }

    /** The parsed configuration. */
    public AudioSpecificConfig config() {
        return config;
    }

    /**
     * Whether this decoder handles the config: AAC Main/LC/LTP cores (with or without SBR/PS), channel
     * configuration 1..7, a sampling rate from the standard table.
     */
    public static boolean supports(byte[] audioSpecificConfig) {
        try {
            parseSupported(audioSpecificConfig);
            return true;
        } catch (AacDecodeException e) {
            return false;
        }
    }

    private static AudioSpecificConfig parseSupported(byte[] asc) throws AacDecodeException {
        AudioSpecificConfig c;
        try {
            c = AudioSpecificConfig.parse(asc);
        } catch (CodecException | IndexOutOfBoundsException e) {
            throw new AacDecodeException(AacDecodeException.Reason.UNSUPPORTED, "bad AudioSpecificConfig: "
                    + e.getMessage(), e);
        }
        int aot = c.objectType();
        if (aot != AudioSpecificConfig.AOT_AAC_MAIN && aot != AudioSpecificConfig.AOT_AAC_LC && aot != 4) {
            throw new AacDecodeException(AacDecodeException.Reason.UNSUPPORTED, "audio object type " + aot
                    + " (supported: 1 Main, 2 LC, 4 LTP, with SBR/PS)");
        }
        if (c.channelConfiguration() < 1 || c.channelConfiguration() > 7) {
            throw new AacDecodeException(AacDecodeException.Reason.UNSUPPORTED, "channelConfiguration "
                    + c.channelConfiguration() + " (supported: 1..7)");
        }
        if (c.sampleRate() < 7350 || c.sampleRate() > 96000 || c.outputSampleRate() > 96000) {
            throw new AacDecodeException(AacDecodeException.Reason.UNSUPPORTED, "sampling rate " + c.sampleRate()
                    + " Hz (supported: 7350..96000)");
        }
        return c;
    }

    private Decoder create() throws AacDecodeException {
        try {
            return Decoder.create(audioSpecificConfig);
        } catch (net.sourceforge.jaad.mp4.MP4Exception | RuntimeException e) {
            throw new AacDecodeException(AacDecodeException.Reason.UNSUPPORTED, "decoder refused config: " + e, e);
        }
    }

    /** Drops all decoder state (overlap buffers, SBR/PS history), as after a discontinuity. */
    public void reset() throws AacDecodeException {
        decoder = create();
    }

    /**
     * Decodes one raw AAC frame.
     *
     * @return this decoder's block, valid until the next call
     * @throws AacDecodeException MALFORMED when the frame does not decode, TOO_LONG past the size limit
     */
    public PcmBlock decode(byte[] frame) throws AacDecodeException {
        if (frame.length > maxFrameBytes) {
            throw new AacDecodeException(AacDecodeException.Reason.TOO_LONG, "AAC frame of " + frame.length
                    + " bytes, limit " + maxFrameBytes);
        }
        if (frame.length == 0) {
            throw new AacDecodeException(AacDecodeException.Reason.MALFORMED, "empty AAC frame");
        }
        capture.produced = false;
        try {
            decoder.decodeFrame(frame, capture);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AacDecodeException(AacDecodeException.Reason.MALFORMED, "AAC frame does not decode: " + e, e);
        }
        if (!capture.produced) {
            // JAAD swallows a truncated frame (end of stream inside the frame) and produces no samples.
            throw new AacDecodeException(AacDecodeException.Reason.MALFORMED, "AAC frame truncated");
        }
        return block;
    }

    /** Copies JAAD's output (arrays it reuses) into the block. */
    private final class Capture implements Receiver {
        boolean produced;

        @Override
        public void accept(List<float[]> samples, int sampleLength, int sampleRate) {
            int channels = Math.min(samples.size(), MAX_CHANNELS);
            if (channels == 0 || sampleLength <= 0 || sampleLength > 8192 || sampleRate <= 0) {
                return;
            }
            block.set(channels, sampleLength, sampleRate);
            for (int c = 0; c < channels; c++) {
                float[] src = samples.get(c);
                float[] dst = block.writable(c);
                if (src.length == sampleLength) {
                    System.arraycopy(src, 0, dst, 0, sampleLength);
                } else {
                    // A channel without SBR next to one with it: JAAD gives it at the core rate; hold samples.
                    for (int i = 0; i < sampleLength; i++) {
                        dst[i] = src[(int) ((long) src.length * i / sampleLength)];
                    }
                }
            }
            produced = true;
        }
    }
}
