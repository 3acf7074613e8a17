package io.livegate.codec.h265;

import io.livegate.codec.BitReader;
import io.livegate.codec.CodecException;
import io.livegate.codec.h264.Rbsp;

/**
 * An H.265 sequence parameter set (ITU-T H.265 7.3.2.2.1), read up to the VUI timing information (E.2.1): the
 * general profile_tier_level, picture size and conformance window, chroma format, bit depths, the sub-layer
 * ordering info of the highest sub-layer and the frame rate. Short-term reference picture sets and scaling lists
 * are walked; HRD parameters, bitstream restrictions and SPS extensions that follow the timing info are not read.
 *
 * @param vpsId               sps_video_parameter_set_id
 * @param maxSubLayers        sps_max_sub_layers_minus1 + 1
 * @param temporalIdNesting   sps_temporal_id_nesting_flag
 * @param profileTierLevel    the general profile, tier and level
 * @param spsId               sps_seq_parameter_set_id
 * @param chromaFormatIdc     0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param codedWidth          pic_width_in_luma_samples
 * @param codedHeight         pic_height_in_luma_samples
 * @param width               width inside the conformance window
 * @param height              height inside the conformance window
 * @param bitDepthLuma        8..16
 * @param bitDepthChroma      8..16
 * @param maxDecPicBuffering  sps_max_dec_pic_buffering_minus1 + 1 of the highest sub-layer
 * @param maxNumReorderPics   sps_max_num_reorder_pics of the highest sub-layer
 * @param numUnitsInTick      VUI timing, 0 when absent
 * @param timeScale           VUI timing, 0 when absent
 */
public record H265Sps(int vpsId, int maxSubLayers, boolean temporalIdNesting, ProfileTierLevel profileTierLevel,
                      int spsId, int chromaFormatIdc, int codedWidth, int codedHeight, int width, int height,
                      int bitDepthLuma, int bitDepthChroma, int maxDecPicBuffering, int maxNumReorderPics,
                      long numUnitsInTick, long timeScale) {

    /** Widest or tallest picture accepted: level 6.2 allows 35,651,584 luma samples, i.e. at most 16888 per side. */
    public static final int MAX_DIMENSION = 16_888;

    /** Parses an SPS NAL unit (with its two-byte NAL header, without start code). */
    public static H265Sps parse(byte[] nal) {
        if (nal.length < 2) {
            throw CodecException.truncated("H.265 NAL header", 2, nal.length);
        }
        int type = H265NalType.of(nal);
        if (type != H265NalType.SPS) {
            throw CodecException.malformed("NAL type " + type + " is not an SPS (33)");
        }
        int layerId = ((nal[0] & 1) << 5) | ((nal[1] & 0xff) >> 3);
        if (layerId != 0) {
            throw CodecException.unsupported("SPS of nuh_layer_id " + layerId + " (multi-layer syntax)");
        }
        BitReader r = new BitReader(Rbsp.unescape(nal, 2, nal.length - 2));
        int vpsId = r.readBits(4);
        int maxSubLayersMinus1 = r.readBits(3);
        if (maxSubLayersMinus1 > 6) {
            throw CodecException.malformed("sps_max_sub_layers_minus1 7 exceeds 6");
        }
        boolean nesting = r.readFlag();
        ProfileTierLevel ptl = ProfileTierLevel.parse(r, maxSubLayersMinus1);
        int spsId = r.readUE("sps_seq_parameter_set_id", 15);
        int chroma = r.readUE("chroma_format_idc", 3);
        boolean separateColourPlane = chroma == 3 && r.readFlag();
        int codedWidth = r.readUE("pic_width_in_luma_samples", MAX_DIMENSION);
        int codedHeight = r.readUE("pic_height_in_luma_samples", MAX_DIMENSION);
        if (codedWidth == 0 || codedHeight == 0) {
            throw CodecException.malformed("picture size " + codedWidth + "x" + codedHeight);
        }
        int width = codedWidth;
        int height = codedHeight;
        if (r.readFlag()) { // conformance_window_flag
            int chromaArrayType = separateColourPlane ? 0 : chroma;
            int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
            int subHeightC = chromaArrayType == 1 ? 2 : 1;
            long left = r.readUE();
            long right = r.readUE();
            long top = r.readUE();
            long bottom = r.readUE();
            long w = codedWidth - subWidthC * (left + right);
            long h = codedHeight - subHeightC * (top + bottom);
            if (w <= 0 || h <= 0) {
                throw CodecException.malformed("conformance window leaves " + w + "x" + h + " of " + codedWidth + "x"
                        + codedHeight);
            }
            width = (int) w;
            height = (int) h;
        }
        int bitDepthLuma = 8 + r.readUE("bit_depth_luma_minus8", 8);
        int bitDepthChroma = 8 + r.readUE("bit_depth_chroma_minus8", 8);
        int log2MaxPocLsb = 4 + r.readUE("log2_max_pic_order_cnt_lsb_minus4", 12);
        boolean orderingInfoForAll = r.readFlag();
        int maxDecPicBuffering = 0;
        int maxNumReorder = 0;
        for (int i = orderingInfoForAll ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
            maxDecPicBuffering = r.readUE("sps_max_dec_pic_buffering_minus1", 15) + 1;
            maxNumReorder = r.readUE("sps_max_num_reorder_pics", 15);
            r.readUE(); // sps_max_latency_increase_plus1
        }
        r.readUE(); // log2_min_luma_coding_block_size_minus3
        r.readUE(); // log2_diff_max_min_luma_coding_block_size
        r.readUE(); // log2_min_luma_transform_block_size_minus2
        r.readUE(); // log2_diff_max_min_luma_transform_block_size
        r.readUE(); // max_transform_hierarchy_depth_inter
        r.readUE(); // max_transform_hierarchy_depth_intra
        if (r.readFlag() && r.readFlag()) { // scaling_list_enabled_flag, sps_scaling_list_data_present_flag
            skipScalingListData(r);
        }
        r.skip(2); // amp_enabled_flag, sample_adaptive_offset_enabled_flag
        if (r.readFlag()) { // pcm_enabled_flag
            r.skip(8);
            r.readUE();
            r.readUE();
            r.skip(1);
        }
        ShortTermRefPicSets.skip(r, r.readUE("num_short_term_ref_pic_sets", 64));
        if (r.readFlag()) { // long_term_ref_pics_present_flag
            int n = r.readUE("num_long_term_ref_pics_sps", 32);
            r.skip((long) n * (log2MaxPocLsb + 1));
        }
        r.skip(2); // sps_temporal_mvp_enabled_flag, strong_intra_smoothing_enabled_flag
        long units = 0;
        long scale = 0;
        if (r.readFlag()) { // vui_parameters_present_flag
            try {
                long[] timing = readVuiTiming(r);
                units = timing[0];
                scale = timing[1];
            } catch (CodecException e) {
                // a VUI cut short leaves the picture description valid; timing then reads as absent
                if (e.reason() != CodecException.Reason.TRUNCATED) {
                    throw e;
                }
            }
        }
        return new H265Sps(vpsId, maxSubLayersMinus1 + 1, nesting, ptl, spsId, chroma, codedWidth, codedHeight, width,
                height, bitDepthLuma, bitDepthChroma, maxDecPicBuffering, maxNumReorder, units, scale);
    }

    private static void skipScalingListData(BitReader r) {
        for (int sizeId = 0; sizeId < 4; sizeId++) {
            for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
                if (!r.readFlag()) { // scaling_list_pred_mode_flag
                    r.readUE(); // scaling_list_pred_matrix_id_delta
                } else {
                    int coefNum = Math.min(64, 1 << (4 + (sizeId << 1)));
                    if (sizeId > 1) {
                        r.readSE(); // scaling_list_dc_coef_minus8
                    }
                    for (int i = 0; i < coefNum; i++) {
                        r.readSE(); // scaling_list_delta_coef
                    }
                }
            }
        }
    }

    /** VUI (E.2.1) up to and including vui_timing_info: returns {num_units_in_tick, time_scale}, zeros if absent. */
    private static long[] readVuiTiming(BitReader r) {
        if (r.readFlag()) { // aspect_ratio_info_present_flag
            if (r.readBits(8) == 255) {
                r.skip(32);
            }
        }
        if (r.readFlag()) { // overscan_info_present_flag
            r.skip(1);
        }
        if (r.readFlag()) { // video_signal_type_present_flag
            r.skip(4);
            if (r.readFlag()) {
                r.skip(24);
            }
        }
        if (r.readFlag()) { // chroma_loc_info_present_flag
            r.readUE();
            r.readUE();
        }
        r.skip(3); // neutral_chroma_indication_flag, field_seq_flag, frame_field_info_present_flag
        if (r.readFlag()) { // default_display_window_flag
            r.readUE();
            r.readUE();
            r.readUE();
            r.readUE();
        }
        if (r.readFlag()) { // vui_timing_info_present_flag
            return new long[] {r.readBitsLong(32), r.readBitsLong(32)};
        }
        return new long[] {0, 0};
    }

    /** Frames per second from the VUI timing info (time_scale / num_units_in_tick), or 0 when absent. */
    public double frameRate() {
        return numUnitsInTick > 0 && timeScale > 0 ? (double) timeScale / numUnitsInTick : 0;
    }

    /** True when pictures may be output out of decode order: sps_max_num_reorder_pics of the top sub-layer &gt; 0. */
    public boolean mayReorder() {
        return maxNumReorderPics > 0;
    }

    /** general_profile_space. */
    public int profileSpace() {
        return profileTierLevel.profileSpace();
    }

    /** general_tier_flag: true for High tier. */
    public boolean tier() {
        return profileTierLevel.tier();
    }

    /** general_profile_idc. */
    public int profileIdc() {
        return profileTierLevel.profileIdc();
    }

    /** general_profile_compatibility_flag[0..31], flag 0 in the most significant bit. */
    public int compatibilityFlags() {
        return profileTierLevel.compatibilityFlags();
    }

    /** The six general constraint indicator bytes as a 48-bit big-endian value. */
    public long constraintFlags() {
        return profileTierLevel.constraintFlags();
    }

    /** general_level_idc. */
    public int levelIdc() {
        return profileTierLevel.levelIdc();
    }

    public String profileName() {
        return profileTierLevel.profileName();
    }

    public String levelName() {
        return profileTierLevel.levelName();
    }
}
