package io.livegate.codec.h265;

import static io.livegate.codec.Hex.bytes;

/**
 * Parameter sets from real encoder output: ffmpeg 7 with libx265 (default preset) encoding {@code testsrc2} to raw
 * {@code -f hevc}, the first VPS/SPS/PPS of each stream. ffprobe reported profile Main, has_b_frames 2.
 */
public final class H265Vectors {
    private H265Vectors() {
    }

    /** 1280x720 at 30 fps; ffprobe level 93. */
    public static final byte[] VPS_720P30 = bytes("40010c01ffff01600000030090000003000003005d959809");
    public static final byte[] SPS_720P30 = bytes("42010101600000030090000003000003005da00280802d165959a4932bc05a02000003000200"
            + "0003003c10");
    public static final byte[] PPS_720P30 = bytes("4401c172b46240");

    /** 1920x1080 at 25 fps; ffprobe level 120. */
    public static final byte[] SPS_1080P25 = bytes("420101016000000300900000030000030078a003c08010e596566924caf01680800000030080"
            + "00000c84");

    /** 854x480 at 24 fps: coded 856 wide with a conformance window; ffprobe level 90. */
    public static final byte[] SPS_480P24_CROPPED = bytes("42010101600000030090000003000003005aa006b201e1d796566924caf0168080000003"
            + "008000000c04");

    /** Main 10 (yuv420p10le) 854x480 at 24 fps; ffprobe profile "Main 10", level 90. */
    public static final byte[] SPS_MAIN10_480P24 = bytes("42010102200000030090000003000003005aa006b201e1d6d96566924caf01680800000"
            + "3000800000300c040");

    /** The hvcC box body ffmpeg's mp4 muxer wrote for the 720p stream ({@code -tag:v hvc1}). */
    public static final byte[] HVCC_720P30 = bytes("0101600000009000000000005df000fcfdf8f800000f03"
            + "a00001001840010c01ffff01600000030090000003000003005d959809"
            + "a10001002b42010101600000030090000003000003005da00280802d165959a4932bc05a020000030002000003003c10"
            + "a2000100074401c172b46240");
}
