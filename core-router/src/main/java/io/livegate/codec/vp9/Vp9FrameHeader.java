package io.livegate.codec.vp9;

import io.livegate.codec.BitReader;
import io.livegate.codec.CodecException;
import io.livegate.media.CodecParameters.VpxParameters;

/**
 * The start of a VP9 uncompressed header (VP9 Bitstream Specification 6.2): profile, show_existing_frame,
 * frame_type, and for key frames and intra-only frames the color config (6.2.2) and frame size (6.2.3). For a
 * superframe (Annex B) this reads the first frame, which starts at the first byte. Inter frames carry no size here
 * (they take it from a reference): width and height are 0 for them.
 *
 * @param profile           0..3
 * @param showExistingFrame show_existing_frame (the rest is then default)
 * @param keyframe          frame_type == KEY_FRAME
 * @param showFrame         show_frame
 * @param intraOnly         intra_only (non-key intra frame)
 * @param bitDepth          8, 10 or 12 (8 when the header does not say)
 * @param colorSpace        color_space 0..7 (7 = RGB), 0 when not present
 * @param fullRange         color_range
 * @param subsamplingX      1 for 4:2:0 / 4:2:2
 * @param subsamplingY      1 for 4:2:0
 * @param width             frame_width_minus_1 + 1, or 0 when absent
 * @param height            frame_height_minus_1 + 1, or 0 when absent
 */
public record Vp9FrameHeader(int profile, boolean showExistingFrame, boolean keyframe, boolean showFrame,
                             boolean intraOnly, int bitDepth, int colorSpace, boolean fullRange, int subsamplingX,
                             int subsamplingY, int width, int height) {

    private static final int CS_RGB = 7;

    public static Vp9FrameHeader parse(byte[] frame) {
        BitReader r = new BitReader(frame);
        int marker = r.readBits(2);
        if (marker != 2) {
            throw CodecException.malformed("VP9 frame_marker " + marker + ", expected 2");
        }
        int low = r.readBit();
        int high = r.readBit();
        int profile = (high << 1) | low;
        if (profile == 3 && r.readBit() != 0) {
            throw CodecException.malformed("VP9 profile 3 reserved_zero bit set");
        }
        if (r.readFlag()) { // show_existing_frame
            r.skip(3);
            return new Vp9FrameHeader(profile, true, false, true, false, 8, 0, false, 1, 1, 0, 0);
        }
        boolean key = r.readBit() == 0; // frame_type 0 = KEY_FRAME
        boolean show = r.readFlag();
        boolean errorResilient = r.readFlag();
        boolean intraOnly = false;
        int[] color = {8, 0, 0, 1, 1};
        int width = 0;
        int height = 0;
        if (key) {
            readSyncCode(r);
            color = readColorConfig(r, profile);
            width = r.readBits(16) + 1;
            height = r.readBits(16) + 1;
        } else {
            intraOnly = !show && r.readFlag();
            if (!errorResilient) {
                r.skip(2); // reset_frame_context
            }
            if (intraOnly) {
                readSyncCode(r);
                if (profile > 0) {
                    color = readColorConfig(r, profile);
                }
                r.skip(8); // refresh_frame_flags
                width = r.readBits(16) + 1;
                height = r.readBits(16) + 1;
            }
        }
        return new Vp9FrameHeader(profile, false, key, show, intraOnly, color[0], color[1], color[2] == 1, color[3],
                color[4], width, height);
    }

    /**
     * Track parameters from a key frame or intra-only frame (the frames that carry a size).
     *
     * @throws CodecException UNSUPPORTED for an inter frame, which has no size of its own
     */
    public VpxParameters toParameters() {
        if (width == 0) {
            throw CodecException.unsupported("VP9 inter frame carries no frame size");
        }
        return new VpxParameters(profile, bitDepth, width, height);
    }

    private static void readSyncCode(BitReader r) {
        int sync = r.readBits(24);
        if (sync != 0x498342) {
            throw CodecException.malformed("VP9 frame_sync_code 0x" + Integer.toHexString(sync) + ", expected 0x498342");
        }
    }

    /** color_config(): {bitDepth, colorSpace, fullRange, subsamplingX, subsamplingY}. */
    private static int[] readColorConfig(BitReader r, int profile) {
        int bitDepth = profile >= 2 ? (r.readFlag() ? 12 : 10) : 8;
        int cs = r.readBits(3);
        int range;
        int ssx = 1;
        int ssy = 1;
        if (cs != CS_RGB) {
            range = r.readBit();
            if (profile == 1 || profile == 3) {
                ssx = r.readBit();
                ssy = r.readBit();
                r.skip(1); // reserved_zero
            }
        } else {
            range = 1;
            if (profile == 1 || profile == 3) {
                ssx = 0;
                ssy = 0;
                r.skip(1); // reserved_zero
            } else {
                throw CodecException.malformed("VP9 RGB color space in profile " + profile);
            }
        }
        return new int[] {bitDepth, cs, range, ssx, ssy};
    }
}
