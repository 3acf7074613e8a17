package io.livegate.srt.mpegts;

import java.util.List;

/** One access unit taken out of an elementary stream. */
public sealed interface MediaUnit {

    ElementaryStream stream();

    boolean damaged();

    /**
     * An H.264 or H.265 access unit: its NAL units without start codes, access unit delimiters removed.
     *
     * @param pts 90 kHz, unwrapped
     * @param dts 90 kHz, unwrapped
     */
    record Video(ElementaryStream stream, long pts, long dts, List<byte[]> nalUnits, boolean randomAccess,
                 boolean damaged) implements MediaUnit {
        public Video {
            nalUnits = List.copyOf(nalUnits);
        }
    }

    /**
     * One AAC raw data block (ADTS header removed) or one Opus packet (control header removed).
     *
     * @param clockRate     the sampling rate of {@code pts} (AAC: the ADTS rate; Opus: 48000)
     * @param pts           in {@code clockRate} ticks, on the same origin as the video's 90 kHz timeline
     * @param channels      channel count (AAC from channel_configuration; Opus from the descriptor)
     * @param samples       samples per channel in this frame (AAC 1024; Opus from its TOC)
     * @param data          the raw frame
     * @param audioSpecificConfig AAC: the AudioSpecificConfig the ADTS header implies (shared while it does not
     *                      change); Opus: null
     */
    record Audio(ElementaryStream stream, int clockRate, long pts, int channels, int samples, byte[] data,
                 byte[] audioSpecificConfig, boolean damaged) implements MediaUnit {
    }
}
