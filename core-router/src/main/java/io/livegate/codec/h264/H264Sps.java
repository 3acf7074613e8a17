package io.livegate.codec.h264;

import io.livegate.codec.BitReader;
import io.livegate.codec.CodecException;

/**
 * An H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1 with the VUI of E.1.1): what the gateway needs to
 * describe a stream (profile, level, picture size after cropping, chroma format, bit depth, frame rate,
 * whether frames are reordered). Scaling lists and HRD parameters are walked over but not kept. A VUI that ends
 * early (seen from some hardware encoders) is dropped as a whole instead of failing the SPS: the VUI fields then
 * read as absent.
 *
 * @param profileIdc           profile_idc (66 baseline, 77 main, 100 high, ...)
 * @param constraintFlags      the byte holding constraint_set0_flag (bit 7) .. constraint_set5_flag (bit 2)
 * @param levelIdc             level_idc (31 = level 3.1)
 * @param spsId                seq_parameter_set_id
 * @param chromaFormatIdc      0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param bitDepthLuma         8..14
 * @param bitDepthChroma       8..14
 * @param picOrderCntType      0..2
 * @param maxNumRefFrames      max_num_ref_frames
 * @param frameMbsOnly         false for interlaced coding
 * @param codedWidth           width in luma samples before cropping
 * @param codedHeight          height in luma samples before cropping
 * @param width                width after the frame cropping rectangle
 * @param height               height after the frame cropping rectangle
 * @param sarWidth             sample aspect ratio numerator from the VUI, 0 when unknown
 * @param sarHeight            sample aspect ratio denominator from the VUI, 0 when unknown
 * @param numUnitsInTick       VUI timing, 0 when absent
 * @param timeScale            VUI timing, 0 when absent
 * @param fixedFrameRate       VUI fixed_frame_rate_flag
 * @param maxNumReorderFrames  VUI bitstream_restriction max_num_reorder_frames, -1 when absent
 * @param maxDecFrameBuffering VUI bitstream_restriction max_dec_frame_buffering, -1 when absent
 */
public record H264Sps(int profileIdc, int constraintFlags, int levelIdc, int spsId, int chromaFormatIdc,
                      int bitDepthLuma, int bitDepthChroma, int picOrderCntType, int maxNumRefFrames,
                      boolean frameMbsOnly, int codedWidth, int codedHeight, int width, int height,
                      int sarWidth, int sarHeight, long numUnitsInTick, long timeScale, boolean fixedFrameRate,
                      int maxNumReorderFrames, int maxDecFrameBuffering) {

    /** Widest or tallest picture accepted: level 6.2 allows 139264 macroblocks, about 8192x4320. */
    public static final int MAX_DIMENSION = 16_384;

    /** Parses an SPS NAL unit (with its one-byte NAL header, without start code). */
    public static H264Sps parse(byte[] nal) {
        if (nal.length < 1) {
            throw CodecException.truncated("SPS NAL header", 1, 0);
        }
        if ((nal[0] & 0x1f) != H264NalType.SPS) {
            throw CodecException.malformed("NAL type " + (nal[0] & 0x1f) + " is not an SPS (7)");
        }
        byte[] rbsp = Rbsp.unescape(nal, 1, nal.length - 1);
        BitReader r = new BitReader(rbsp);
        int profileIdc = r.readBits(8);
        int constraintFlags = r.readBits(8);
        int levelIdc = r.readBits(8);
        int spsId = r.readUE("seq_parameter_set_id", 31);
        int chromaFormatIdc = 1;
        boolean separateColourPlane = false;
        int bitDepthLuma = 8;
        int bitDepthChroma = 8;
        if (hasChromaInfo(profileIdc)) {
            chromaFormatIdc = r.readUE("chroma_format_idc", 3);
            if (chromaFormatIdc == 3) {
                separateColourPlane = r.readFlag();
            }
            bitDepthLuma = 8 + r.readUE("bit_depth_luma_minus8", 6);
            bitDepthChroma = 8 + r.readUE("bit_depth_chroma_minus8", 6);
            r.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (r.readFlag()) { // seq_scaling_matrix_present_flag
                int lists = chromaFormatIdc != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.readFlag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.readUE("log2_max_frame_num_minus4", 12);
        int pocType = r.readUE("pic_order_cnt_type", 2);
        if (pocType == 0) {
            r.readUE("log2_max_pic_order_cnt_lsb_minus4", 12);
        } else if (pocType == 1) {
            r.skip(1); // delta_pic_order_always_zero_flag
            r.readSE(); // offset_for_non_ref_pic
            r.readSE(); // offset_for_top_to_bottom_field
            int cycle = r.readUE("num_ref_frames_in_pic_order_cnt_cycle", 255);
            for (int i = 0; i < cycle; i++) {
                r.readSE();
            }
        }
        int maxNumRefFrames = r.readUE("max_num_ref_frames", 16);
        r.skip(1); // gaps_in_frame_num_value_allowed_flag
        int widthInMbs = r.readUE("pic_width_in_mbs_minus1", MAX_DIMENSION / 16 - 1) + 1;
        int heightInMapUnits = r.readUE("pic_height_in_map_units_minus1", MAX_DIMENSION / 16 - 1) + 1;
        boolean frameMbsOnly = r.readFlag();
        if (!frameMbsOnly) {
            r.skip(1); // mb_adaptive_frame_field_flag
        }
        r.skip(1); // direct_8x8_inference_flag
        int codedWidth = widthInMbs * 16;
        int codedHeight = (frameMbsOnly ? 1 : 2) * heightInMapUnits * 16;
        if (codedHeight > MAX_DIMENSION) {
            throw CodecException.malformed("coded height " + codedHeight + " exceeds " + MAX_DIMENSION);
        }
        int width = codedWidth;
        int height = codedHeight;
        if (r.readFlag()) { // frame_cropping_flag
            int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
            int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
            int subHeightC = chromaArrayType == 1 ? 2 : 1;
            int cropUnitX = chromaArrayType == 0 ? 1 : subWidthC;
            int cropUnitY = (chromaArrayType == 0 ? 1 : subHeightC) * (frameMbsOnly ? 1 : 2);
            long left = r.readUE();
            long right = r.readUE();
            long top = r.readUE();
            long bottom = r.readUE();
            long w = codedWidth - cropUnitX * (left + right);
            long h = codedHeight - cropUnitY * (top + bottom);
            if (w <= 0 || h <= 0) {
                throw CodecException.malformed("frame cropping leaves " + w + "x" + h + " of " + codedWidth + "x"
                        + codedHeight);
            }
            width = (int) w;
            height = (int) h;
        }
        Vui vui = Vui.ABSENT;
        if (r.readFlag()) {
            try {
                vui = Vui.parse(r);
            } catch (CodecException e) {
                // some encoders cut the VUI short; the picture description above is still right
                if (e.reason() != CodecException.Reason.TRUNCATED) {
                    throw e;
                }
            }
        }
        return new H264Sps(profileIdc, constraintFlags, levelIdc, spsId, chromaFormatIdc, bitDepthLuma,
                bitDepthChroma, pocType, maxNumRefFrames, frameMbsOnly, codedWidth, codedHeight, width, height,
                vui.sarWidth, vui.sarHeight, vui.numUnitsInTick, vui.timeScale, vui.fixedFrameRate,
                vui.maxNumReorderFrames, vui.maxDecFrameBuffering);
    }

    /** Profiles whose SPS carries chroma_format_idc, bit depths and scaling matrices (7.3.2.1.1). */
    static boolean hasChromaInfo(int profileIdc) {
        return switch (profileIdc) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    private static void skipScalingList(BitReader r, int size) {
        int lastScale = 8;
        int nextScale = 8;
        for (int j = 0; j < size; j++) {
            if (nextScale != 0) {
                int delta = r.readSE("delta_scale", -128, 127);
                nextScale = (lastScale + delta + 256) % 256;
            }
            lastScale = nextScale == 0 ? lastScale : nextScale;
        }
    }

    /** constraint_set{i}_flag for i in 0..5. */
    public boolean constraintSet(int i) {
        if (i < 0 || i > 5) {
            throw new IllegalArgumentException("constraint set " + i + " outside 0..5");
        }
        return (constraintFlags & (0x80 >> i)) != 0;
    }

    /** Frames per second from the VUI timing info (time_scale / (2 * num_units_in_tick)), or 0 when absent. */
    public double frameRate() {
        return numUnitsInTick > 0 && timeScale > 0 ? timeScale / (2.0 * numUnitsInTick) : 0;
    }

    /**
     * Whether pictures may be output in a different order than decoded (B-frames or reordered P-frames), so that
     * pts and dts differ and a muxer needs composition offsets. The rule:
     * <ol>
     * <li>when the VUI has bitstream_restriction, max_num_reorder_frames &gt; 0 decides;</li>
     * <li>otherwise pic_order_cnt_type 2 means output order is decode order (8.2.1.3): false;</li>
     * <li>Baseline and Constrained Baseline (profile_idc 66) have no B slices: false;</li>
     * <li>the intra-only profiles (44, or 100/110/122/244 with constraint_set3_flag) infer 0 (E.2.1): false;</li>
     * <li>every other profile may reorder: true.</li>
     * </ol>
     */
    public boolean mayReorder() {
        if (maxNumReorderFrames >= 0) {
            return maxNumReorderFrames > 0;
        }
        if (picOrderCntType == 2 || profileIdc == 66 || profileIdc == 44) {
            return false;
        }
        boolean intraProfile = profileIdc == 100 || profileIdc == 110 || profileIdc == 122 || profileIdc == 244;
        return !(intraProfile && constraintSet(3));
    }

    /** The profile's name as Annex A calls it ("Constrained Baseline", "Main", "High", "High 10", ...). */
    public String profileName() {
        return switch (profileIdc) {
            case 66 -> constraintSet(1) ? "Constrained Baseline" : "Baseline";
            case 77 -> "Main";
            case 88 -> "Extended";
            case 100 -> constraintSet(4) && constraintSet(5) ? "Constrained High"
                    : constraintSet(4) ? "Progressive High" : "High";
            case 110 -> constraintSet(3) ? "High 10 Intra" : "High 10";
            case 122 -> constraintSet(3) ? "High 4:2:2 Intra" : "High 4:2:2";
            case 244 -> constraintSet(3) ? "High 4:4:4 Intra" : "High 4:4:4 Predictive";
            case 44 -> "CAVLC 4:4:4 Intra";
            case 83 -> "Scalable Baseline";
            case 86 -> "Scalable High";
            case 118 -> "Multiview High";
            case 128 -> "Stereo High";
            default -> "Profile " + profileIdc;
        };
    }

    /** The level as written in Annex A ("3.1", "1b"). */
    public String levelName() {
        boolean level1b = levelIdc == 9
                || (levelIdc == 11 && constraintSet(3) && (profileIdc == 66 || profileIdc == 77 || profileIdc == 88));
        if (level1b) {
            return "1b";
        }
        return levelIdc % 10 == 0 ? Integer.toString(levelIdc / 10) : (levelIdc / 10) + "." + (levelIdc % 10);
    }

    /** The VUI fields kept (E.1.1); HRD parameters are skipped. */
    private record Vui(int sarWidth, int sarHeight, long numUnitsInTick, long timeScale, boolean fixedFrameRate,
                       int maxNumReorderFrames, int maxDecFrameBuffering) {

        static final Vui ABSENT = new Vui(0, 0, 0, 0, false, -1, -1);

        /** Table E-1 sample aspect ratios for aspect_ratio_idc 1..16. */
        private static final int[][] SAR = {{0, 0}, {1, 1}, {12, 11}, {10, 11}, {16, 11}, {40, 33}, {24, 11},
            {20, 11}, {32, 11}, {80, 33}, {18, 11}, {15, 11}, {64, 33}, {160, 99}, {4, 3}, {3, 2}, {2, 1}};

        static Vui parse(BitReader r) {
            int sarW = 0;
            int sarH = 0;
            if (r.readFlag()) { // aspect_ratio_info_present_flag
                int idc = r.readBits(8);
                if (idc == 255) {
                    sarW = r.readBits(16);
                    sarH = r.readBits(16);
                } else if (idc < SAR.length) {
                    sarW = SAR[idc][0];
                    sarH = SAR[idc][1];
                }
            }
            if (r.readFlag()) { // overscan_info_present_flag
                r.skip(1);
            }
            if (r.readFlag()) { // video_signal_type_present_flag
                r.skip(4); // video_format, video_full_range_flag
                if (r.readFlag()) { // colour_description_present_flag
                    r.skip(24);
                }
            }
            if (r.readFlag()) { // chroma_loc_info_present_flag
                r.readUE();
                r.readUE();
            }
            long units = 0;
            long scale = 0;
            boolean fixed = false;
            if (r.readFlag()) { // timing_info_present_flag
                units = r.readBitsLong(32);
                scale = r.readBitsLong(32);
                fixed = r.readFlag();
            }
            boolean nalHrd = r.readFlag();
            if (nalHrd) {
                skipHrd(r);
            }
            boolean vclHrd = r.readFlag();
            if (vclHrd) {
                skipHrd(r);
            }
            if (nalHrd || vclHrd) {
                r.skip(1); // low_delay_hrd_flag
            }
            r.skip(1); // pic_struct_present_flag
            int reorder = -1;
            int decBuffering = -1;
            if (r.readFlag()) { // bitstream_restriction_flag
                r.skip(1); // motion_vectors_over_pic_boundaries_flag
                r.readUE(); // max_bytes_per_pic_denom
                r.readUE(); // max_bits_per_mb_denom
                r.readUE(); // log2_max_mv_length_horizontal
                r.readUE(); // log2_max_mv_length_vertical
                reorder = r.readUE("max_num_reorder_frames", 16);
                decBuffering = r.readUE("max_dec_frame_buffering", 16);
            }
            return new Vui(sarW, sarH, units, scale, fixed, reorder, decBuffering);
        }

        private static void skipHrd(BitReader r) {
            int cpbCount = r.readUE("cpb_cnt_minus1", 31) + 1;
            r.skip(8); // bit_rate_scale, cpb_size_scale
            for (int i = 0; i < cpbCount; i++) {
                r.readUE(); // bit_rate_value_minus1
                r.readUE(); // cpb_size_value_minus1
                r.skip(1); // cbr_flag
            }
            r.skip(20); // four delay/offset lengths of 5 bits
        }
    }
}
