package io.livegate.codec.h264;

import static io.livegate.codec.Hex.bytes;

/**
 * Parameter sets taken from real encoder output: ffmpeg 7 with libx264 encoding {@code testsrc2} to raw
 * {@code -f h264}, the first SPS and PPS of each stream. ffprobe reported what the comments say.
 */
public final class H264Vectors {
    private H264Vectors() {
    }

    /** -profile:v baseline, 1280x720 at 30 fps: ffprobe "Constrained Baseline", level 31, has_b_frames 0. */
    public static final byte[] BASELINE_720P30_SPS = bytes("6742c01fd9005005bb0110000003001000000303c0f1832480");
    public static final byte[] BASELINE_720P30_PPS = bytes("68cb83cb20");

    /** -profile:v main -bf 2, 1280x720 at 30 fps: ffprobe "Main", level 31, has_b_frames 2. */
    public static final byte[] MAIN_720P30_SPS = bytes("674d401feca02802dd8088000003000800000301e078c18cb0");
    public static final byte[] MAIN_720P30_PPS = bytes("68ebe3cb20");

    /** -profile:v high, 1280x720 at 30 fps: ffprobe "High", level 31, has_b_frames 2. */
    public static final byte[] HIGH_720P30_SPS = bytes("6764001facd9405005bb0110000003001000000303c0f1831960");
    public static final byte[] HIGH_720P30_PPS = bytes("68ebe3cb22c0");

    /** -profile:v high, 1920x1080 at 25 fps (coded 1920x1088, cropped): ffprobe "High", level 40. */
    public static final byte[] HIGH_1080P25_SPS = bytes("67640028acd940780227e5c044000003000400000300c83c60c658");

    /** The avcC box body ffmpeg's mp4 muxer wrote for the High 720p stream (with the 4-byte High trailer). */
    public static final byte[] HIGH_720P30_AVCC = bytes("0164001fffe1001a6764001facd9405005bb0110000003001000000303c0f1831960"
            + "01000668ebe3cb22c0fdf8f800");

    /** The avcC box body for the Baseline stream (no trailer). */
    public static final byte[] BASELINE_720P30_AVCC = bytes("0142c01fffe100196742c01fd9005005bb0110000003001000000303c0f1832480"
            + "01000568cb83cb20");
}
