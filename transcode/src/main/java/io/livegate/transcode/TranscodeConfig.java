package io.livegate.transcode;

import java.util.Map;
import java.util.Objects;

/**
 * AAC to Opus transcoding settings.
 *
 * @param enabled       false: {@link OpusTranscoding#subscribe} is a plain {@code StreamRegistry.subscribe}
 * @param opusBitrate   Opus bitrate in bit/s for every stream without an entry in {@code pathBitrates}
 * @param complexity    Concentus encoder complexity 0..10 (CPU against quality)
 * @param workerThreads threads of the shared worker pool all transcoders run on
 * @param pathBitrates  stream path (exact match) to bitrate; 0 turns transcoding off for that path
 */
public record TranscodeConfig(boolean enabled, int opusBitrate, int complexity, int workerThreads,
                              Map<String, Integer> pathBitrates) {

    /** Opus accepts 6 to 510 kb/s (RFC 6716 2.1.1). */
    public static final int MIN_BITRATE = 6_000;
    public static final int MAX_BITRATE = 510_000;
    /** Transparent for stereo music at 20 ms frames; what browsers send for "music" sources. */
    public static final int DEFAULT_BITRATE = 96_000;
    /** Measured (README): about 1.2 % of one core per stereo stream; higher values barely cost more with Concentus. */
    public static final int DEFAULT_COMPLEXITY = 5;
    public static final int DEFAULT_WORKER_THREADS = 2;

    public static final TranscodeConfig DEFAULTS = new TranscodeConfig(true, DEFAULT_BITRATE, DEFAULT_COMPLEXITY,
            DEFAULT_WORKER_THREADS, Map.of());

    public TranscodeConfig {
        checkBitrate("opusBitrate", opusBitrate);
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("complexity must be 0..10, was " + complexity);
        }
        if (workerThreads < 1 || workerThreads > 256) {
            throw new IllegalArgumentException("workerThreads must be 1..256, was " + workerThreads);
        }
        pathBitrates = Map.copyOf(Objects.requireNonNullElse(pathBitrates, Map.of()));
        pathBitrates.forEach((path, bitrate) -> {
            if (bitrate != 0) {
                checkBitrate("bitrate for path " + path, bitrate);
            }
        });
    }

    /** The bitrate for {@code path}, or 0 when transcoding is off for it (globally or per path). */
    public int bitrateFor(String path) {
        if (!enabled) {
            return 0;
        }
        return pathBitrates.getOrDefault(path, opusBitrate);
    }

    private static void checkBitrate(String what, int bitrate) {
        if (bitrate < MIN_BITRATE || bitrate > MAX_BITRATE) {
            throw new IllegalArgumentException(what + " must be " + MIN_BITRATE + ".." + MAX_BITRATE + " bit/s, was "
                    + bitrate);
        }
    }
}
