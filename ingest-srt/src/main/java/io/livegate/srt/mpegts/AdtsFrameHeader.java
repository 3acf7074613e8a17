package io.livegate.srt.mpegts;

/**
 * The fixed and variable ADTS header fields (ISO/IEC 13818-7 6.2.1, 6.2.2) the reader needs. Returns null for
 * anything that is not a plausible frame start, so the reader can hunt for the next sync word.
 */
record AdtsFrameHeader(int objectType, int sampleRate, int channels, int frameLength, int headerLength,
                       int rawBlocks) {

    static final int MIN_SIZE = 7;
    private static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000,
        11025, 8000, 7350};

    static AdtsFrameHeader parse(byte[] b, int p, int available) {
        if (available < MIN_SIZE || (b[p] & 0xff) != 0xff || (b[p + 1] & 0xf6) != 0xf0) {
            return null; // syncword 0xFFF, layer 00
        }
        boolean protectionAbsent = (b[p + 1] & 0x01) != 0;
        int profile = (b[p + 2] & 0xc0) >> 6;
        int rateIndex = (b[p + 2] & 0x3c) >> 2;
        int channels = (b[p + 2] & 0x01) << 2 | (b[p + 3] & 0xc0) >> 6;
        int frameLength = (b[p + 3] & 0x03) << 11 | (b[p + 4] & 0xff) << 3 | (b[p + 5] & 0xe0) >> 5;
        int rawBlocks = (b[p + 6] & 0x03) + 1;
        int headerLength = protectionAbsent ? 7 : 9;
        if (rateIndex >= RATES.length || frameLength <= headerLength || profile == 3) {
            return null;
        }
        return new AdtsFrameHeader(profile + 1, RATES[rateIndex], channels, frameLength, headerLength, rawBlocks);
    }
}
