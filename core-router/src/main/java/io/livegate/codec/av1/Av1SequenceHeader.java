package io.livegate.codec.av1;

import io.livegate.codec.BitReader;
import io.livegate.codec.CodecException;

/**
 * An AV1 sequence header OBU (AV1 spec 5.5, semantics 6.4): profile, still picture flags, the first operating
 * point's level and tier, the maximum frame size, timing info and the color config. Operating points beyond the
 * first are walked but not kept; decoder model parameters are skipped.
 *
 * @param seqProfile                0 Main, 1 High, 2 Professional
 * @param stillPicture              still_picture
 * @param reducedStillPictureHeader reduced_still_picture_header
 * @param operatingPoints           operating_points_cnt_minus_1 + 1
 * @param seqLevelIdx               seq_level_idx[0] (0 = level 2.0, 8 = 4.0, 31 = max)
 * @param seqTier                   seq_tier[0]: 0 Main, 1 High
 * @param maxFrameWidth             max_frame_width_minus_1 + 1
 * @param maxFrameHeight            max_frame_height_minus_1 + 1
 * @param numUnitsInDisplayTick     timing_info, 0 when absent
 * @param timeScale                 timing_info, 0 when absent
 * @param bitDepth                  8, 10 or 12
 * @param monochrome                mono_chrome
 * @param subsamplingX              1 for 4:2:0 and 4:2:2
 * @param subsamplingY              1 for 4:2:0
 * @param chromaSamplePosition      0 unknown, 1 vertical, 2 colocated
 * @param colorPrimaries            color_primaries (2 = unspecified)
 * @param transferCharacteristics   transfer_characteristics (2 = unspecified)
 * @param matrixCoefficients        matrix_coefficients (2 = unspecified)
 * @param colorRange                color_range: true for full range
 * @param filmGrainParamsPresent    film_grain_params_present
 */
public record Av1SequenceHeader(int seqProfile, boolean stillPicture, boolean reducedStillPictureHeader,
                                int operatingPoints, int seqLevelIdx, int seqTier, int maxFrameWidth,
                                int maxFrameHeight, long numUnitsInDisplayTick, long timeScale, int bitDepth,
                                boolean monochrome, int subsamplingX, int subsamplingY, int chromaSamplePosition,
                                int colorPrimaries, int transferCharacteristics, int matrixCoefficients,
                                boolean colorRange, boolean filmGrainParamsPresent) {

    /** Parses a whole sequence header OBU (header, size field, payload). */
    public static Av1SequenceHeader parse(byte[] obu) {
        Av1Obu.Header h = Av1Obu.parseHeader(obu, 0, obu.length);
        if (h.type() != Av1Obu.OBU_SEQUENCE_HEADER) {
            throw CodecException.malformed("OBU type " + h.type() + " is not a sequence header (1)");
        }
        return parsePayload(obu, h.headerLength(), h.payloadLength());
    }

    /** Parses sequence_header_obu() from its payload bytes. */
    public static Av1SequenceHeader parsePayload(byte[] buf, int off, int len) {
        BitReader r = new BitReader(buf, off, len);
        int profile = r.readBits(3);
        if (profile > 2) {
            throw CodecException.malformed("seq_profile " + profile + " is reserved");
        }
        boolean still = r.readFlag();
        boolean reduced = r.readFlag();
        if (reduced && !still) {
            throw CodecException.malformed("reduced_still_picture_header without still_picture");
        }
        int opCount = 1;
        int level0;
        int tier0 = 0;
        long units = 0;
        long scale = 0;
        if (reduced) {
            level0 = r.readBits(5);
        } else {
            boolean decoderModelInfo = false;
            int bufferDelayLength = 0;
            if (r.readFlag()) { // timing_info_present_flag
                units = r.readBitsLong(32);
                scale = r.readBitsLong(32);
                if (r.readFlag()) { // equal_picture_interval
                    readUvlc(r); // num_ticks_per_picture_minus_1
                }
                decoderModelInfo = r.readFlag();
                if (decoderModelInfo) {
                    bufferDelayLength = r.readBits(5) + 1;
                    r.skip(32 + 5 + 5); // num_units_in_decoding_tick, two length fields
                }
            }
            boolean initialDisplayDelay = r.readFlag();
            opCount = r.readBits(5) + 1;
            level0 = 0;
            for (int i = 0; i < opCount; i++) {
                r.skip(12); // operating_point_idc
                int level = r.readBits(5);
                int tier = level > 7 ? r.readBit() : 0;
                if (i == 0) {
                    level0 = level;
                    tier0 = tier;
                }
                if (decoderModelInfo && r.readFlag()) { // decoder_model_present_for_this_op
                    r.skip(2L * bufferDelayLength + 1); // decoder/encoder_buffer_delay, low_delay_mode_flag
                }
                if (initialDisplayDelay && r.readFlag()) {
                    r.skip(4); // initial_display_delay_minus_1
                }
            }
        }
        int widthBits = r.readBits(4) + 1;
        int heightBits = r.readBits(4) + 1;
        int maxWidth = r.readBits(widthBits) + 1;
        int maxHeight = r.readBits(heightBits) + 1;
        if (!reduced && r.readFlag()) { // frame_id_numbers_present_flag
            r.skip(7); // delta_frame_id_length_minus_2, additional_frame_id_length_minus_1
        }
        r.skip(3); // use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
        if (!reduced) {
            r.skip(4); // interintra_compound, masked_compound, warped_motion, dual_filter
            boolean orderHint = r.readFlag();
            if (orderHint) {
                r.skip(2); // enable_jnt_comp, enable_ref_frame_mvs
            }
            int forceScreenContentTools = r.readFlag() ? 2 : r.readBit(); // seq_choose_screen_content_tools
            if (forceScreenContentTools > 0 && !r.readFlag()) { // seq_choose_integer_mv
                r.skip(1); // seq_force_integer_mv
            }
            if (orderHint) {
                r.skip(3); // order_hint_bits_minus_1
            }
        }
        r.skip(3); // enable_superres, enable_cdef, enable_restoration
        // color_config() (5.5.2)
        boolean highBitdepth = r.readFlag();
        int bitDepth = 8;
        if (profile == 2 && highBitdepth) {
            bitDepth = r.readFlag() ? 12 : 10;
        } else if (highBitdepth) {
            bitDepth = 10;
        }
        boolean mono = profile != 1 && r.readFlag();
        int cp = 2;
        int tc = 2;
        int mc = 2;
        if (r.readFlag()) { // color_description_present_flag
            cp = r.readBits(8);
            tc = r.readBits(8);
            mc = r.readBits(8);
        }
        boolean fullRange;
        int ssx;
        int ssy;
        int csp = 0;
        if (mono) {
            fullRange = r.readFlag();
            ssx = 1;
            ssy = 1;
        } else {
            if (cp == 1 && tc == 13 && mc == 0) { // BT.709 primaries, sRGB transfer, identity matrix
                fullRange = true;
                ssx = 0;
                ssy = 0;
            } else {
                fullRange = r.readFlag();
                if (profile == 0) {
                    ssx = 1;
                    ssy = 1;
                } else if (profile == 1) {
                    ssx = 0;
                    ssy = 0;
                } else if (bitDepth == 12) {
                    ssx = r.readBit();
                    ssy = ssx == 1 ? r.readBit() : 0;
                } else {
                    ssx = 1;
                    ssy = 0;
                }
                if (ssx == 1 && ssy == 1) {
                    csp = r.readBits(2);
                }
            }
            r.skip(1); // separate_uv_delta_q
        }
        boolean filmGrain = r.readFlag();
        return new Av1SequenceHeader(profile, still, reduced, opCount, level0, tier0, maxWidth, maxHeight, units, scale,
                bitDepth, mono, ssx, ssy, csp, cp, tc, mc, fullRange, filmGrain);
    }

    /** uvlc() (4.10.3), bounded at 32 leading zeros. */
    private static long readUvlc(BitReader r) {
        int zeros = 0;
        while (!r.readFlag()) {
            zeros++;
            if (zeros > 32) {
                throw CodecException.malformed("uvlc with more than 32 leading zeros");
            }
        }
        return zeros >= 32 ? 0xffffffffL : r.readBitsLong(zeros) + (1L << zeros) - 1;
    }

    /** Frames per second from timing_info (time_scale / num_units_in_display_tick), or 0 when absent. */
    public double frameRate() {
        return numUnitsInDisplayTick > 0 && timeScale > 0 ? (double) timeScale / numUnitsInDisplayTick : 0;
    }

    /** The level as written in Annex A ("4.0", "5.1"); seq_level_idx 31 is "max". */
    public String levelName() {
        if (seqLevelIdx == 31) {
            return "max";
        }
        return (2 + (seqLevelIdx >> 2)) + "." + (seqLevelIdx & 3);
    }

    public String profileName() {
        return switch (seqProfile) {
            case 0 -> "Main";
            case 1 -> "High";
            default -> "Professional";
        };
    }
}
