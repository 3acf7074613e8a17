package io.livegate.transcode.aac;

/**
 * One decoded frame: planar float samples at 16-bit scale (full scale is +-32768). Owned and reused by the
 * {@link AacDecoder} that returned it: valid until its next call.
 */
public final class PcmBlock {

    private float[][] channels = new float[0][];
    private int channelCount;
    private int samples;
    private int sampleRate;

    /** Channel {@code c}'s samples; the array may be longer than {@link #samples()}. */
    public float[] channel(int c) {
        if (c < 0 || c >= channelCount) {
            throw new IndexOutOfBoundsException("channel " + c + " of " + channelCount);
        }
        return channels[c];
    }

    public int channelCount() {
        return channelCount;
    }

    /** Samples per channel. */
    public int samples() {
        return samples;
    }

    public int sampleRate() {
        return sampleRate;
    }

    void set(int channelCount, int samples, int sampleRate) {
        if (channels.length < channelCount) {
            float[][] grown = new float[channelCount][];
            System.arraycopy(channels, 0, grown, 0, channels.length);
            channels = grown;
        }
        for (int c = 0; c < channelCount; c++) {
            if (channels[c] == null || channels[c].length < samples) {
                channels[c] = new float[samples];
            }
        }
        this.channelCount = channelCount;
        this.samples = samples;
        this.sampleRate = sampleRate;
    }

    float[] writable(int c) {
        return channels[c];
    }
}
