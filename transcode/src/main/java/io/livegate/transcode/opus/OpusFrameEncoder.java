package io.livegate.transcode.opus;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

/**
 * One Opus stream: 48 kHz, stereo, 20 ms (960-sample) frames, constrained VBR at the given bitrate, in-band FEC
 * on with a 5 % expected loss. Not thread-safe.
 *
 * <p>FEC note: libopus only adds LBRR (FEC) data in SILK and hybrid modes; music at 96 kb/s is coded in CELT
 * mode, where loss is repaired by the WebRTC transport (NACK) and the receiver's concealment instead.
 */
public final class OpusFrameEncoder {

    public static final int SAMPLE_RATE = 48_000;
    public static final int CHANNELS = 2;
    /** 20 ms at 48 kHz. */
    public static final int FRAME_SAMPLES = 960;
    /** RFC 6716 3.2.1: one frame is at most 1275 bytes. */
    private static final int MAX_PACKET = 1275;
    /** What the encoder is told to expect, so CELT leans less on inter-frame prediction. */
    static final int EXPECTED_LOSS_PERCENT = 5;

    private final OpusEncoder encoder;
    private final int bitrate;
    private final int complexity;
    private final byte[] packet = new byte[MAX_PACKET];

    public OpusFrameEncoder(int bitrate, int complexity) throws OpusEncodeException {
        this.bitrate = bitrate;
        this.complexity = complexity;
        try {
            encoder = new OpusEncoder(SAMPLE_RATE, CHANNELS, OpusApplication.OPUS_APPLICATION_AUDIO);
            encoder.setBitrate(bitrate);
            encoder.setComplexity(complexity);
            encoder.setUseVBR(true);
            encoder.setUseConstrainedVBR(true);
            encoder.setUseInbandFEC(true);
            encoder.setPacketLossPercent(EXPECTED_LOSS_PERCENT);
            encoder.setSignalType(OpusSignal.OPUS_SIGNAL_AUTO);
        } catch (OpusException | RuntimeException e) {
            throw new OpusEncodeException(OpusEncodeException.Reason.CONFIG, "Opus encoder bitrate=" + bitrate
                    + " complexity=" + complexity + ": " + e.getMessage(), e);
        }
    }

    public int bitrate() {
        return bitrate;
    }

    public int complexity() {
        return complexity;
    }

    /**
     * Samples of delay the encoder adds (its look-ahead, 312 at 48 kHz): decoded sample {@code j} is input sample
     * {@code j - lookahead()}.
     */
    public int lookahead() {
        return encoder.getLookahead();
    }

    /** Forgets all history, as for a new stream. */
    public void reset() {
        encoder.resetState();
    }

    /**
     * Encodes one frame.
     *
     * @param interleaved {@link #FRAME_SAMPLES} stereo samples, L R L R ...
     * @return the packet (a new array)
     */
    public byte[] encode(short[] interleaved) throws OpusEncodeException {
        int n;
        try {
            n = encoder.encode(interleaved, 0, FRAME_SAMPLES, packet, 0, packet.length);
        } catch (OpusException | RuntimeException e) {
            throw new OpusEncodeException(OpusEncodeException.Reason.ENCODE, "Opus encode: " + e.getMessage(), e);
        }
        if (n <= 0) {
            throw new OpusEncodeException(OpusEncodeException.Reason.ENCODE, "Opus encode returned " + n, null);
        }
        return java.util.Arrays.copyOf(packet, n);
    }
}
