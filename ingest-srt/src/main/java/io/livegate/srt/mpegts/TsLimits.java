package io.livegate.srt.mpegts;

/**
 * Bounds the demuxer applies to untrusted transport streams.
 *
 * @param maxPesBytes            bytes buffered for one PES packet (one access unit)
 * @param maxUnsyncedBytes       bytes skipped while looking for sync before the input is declared not MPEG-TS
 * @param maxElementaryStreams   elementary streams accepted in one PMT
 * @param maxAudioFramesPerPes   ADTS or Opus frames taken from one PES packet
 * @param maxNalUnitsPerAccessUnit NAL units in one video access unit
 */
public record TsLimits(int maxPesBytes, int maxUnsyncedBytes, int maxElementaryStreams, int maxAudioFramesPerPes,
                       int maxNalUnitsPerAccessUnit) {

    /** 8 MiB: a 50 Mbit/s 2160p60 access unit stays below it (the codec layer's access-unit bound). */
    public static final int DEFAULT_MAX_PES_BYTES = 8 * 1024 * 1024;
    /** 64 KiB: about 50 SRT messages; real streams resync within two packets, so more is not MPEG-TS. */
    public static final int DEFAULT_MAX_UNSYNCED_BYTES = 64 * 1024;
    /** 16: contribution feeds carry one video and a few audio tracks; a PMT fits about 80 entries. */
    public static final int DEFAULT_MAX_ELEMENTARY_STREAMS = 16;
    /** 64: ffmpeg packs up to ~7 ADTS frames per PES; 64 frames of 48 kHz AAC is 1.4 s. */
    public static final int DEFAULT_MAX_AUDIO_FRAMES_PER_PES = 64;
    /** 256: the codec layer's bound (slice-per-row encoders at 2160p plus SEI and parameter sets). */
    public static final int DEFAULT_MAX_NAL_UNITS_PER_ACCESS_UNIT = 256;

    public static final TsLimits DEFAULT = new TsLimits(DEFAULT_MAX_PES_BYTES, DEFAULT_MAX_UNSYNCED_BYTES,
            DEFAULT_MAX_ELEMENTARY_STREAMS, DEFAULT_MAX_AUDIO_FRAMES_PER_PES, DEFAULT_MAX_NAL_UNITS_PER_ACCESS_UNIT);

    public TsLimits {
        if (maxPesBytes < 1024 || maxUnsyncedBytes < 2 * TsPacket.SIZE || maxElementaryStreams < 1
                || maxAudioFramesPerPes < 1 || maxNalUnitsPerAccessUnit < 1) {
            throw new IllegalArgumentException("TS limits too small: " + maxPesBytes + "/" + maxUnsyncedBytes + "/"
                    + maxElementaryStreams + "/" + maxAudioFramesPerPes + "/" + maxNalUnitsPerAccessUnit);
        }
    }
}
