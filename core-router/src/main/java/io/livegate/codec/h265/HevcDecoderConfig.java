package io.livegate.codec.h265;

import io.livegate.codec.CodecException;
import io.livegate.media.CodecParameters.H265Parameters;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3.1): the body of an MP4 {@code hvcC} box and of an
 * Enhanced-RTMP HEVC sequence start.
 *
 * @param profileTierLevel         general profile space, tier, profile, compatibility, constraints and level
 * @param minSpatialSegmentationIdc 0..4095
 * @param parallelismType          0..3
 * @param chromaFormat             chroma_format_idc
 * @param bitDepthLumaMinus8       0..7
 * @param bitDepthChromaMinus8     0..7
 * @param avgFrameRate             frames per 256 seconds, 0 unspecified
 * @param constantFrameRate        0..3
 * @param numTemporalLayers        0..7
 * @param temporalIdNested         temporalIdNested
 * @param lengthSizeMinusOne       0, 1 or 3
 * @param arrays                   the NAL unit arrays (VPS, SPS, PPS, SEI ...)
 */
public record HevcDecoderConfig(ProfileTierLevel profileTierLevel, int minSpatialSegmentationIdc, int parallelismType,
                                int chromaFormat, int bitDepthLumaMinus8, int bitDepthChromaMinus8, int avgFrameRate,
                                int constantFrameRate, int numTemporalLayers, boolean temporalIdNested,
                                int lengthSizeMinusOne, List<NalArray> arrays) {

    /**
     * One array of NAL units of a single type.
     *
     * @param complete array_completeness: all NAL units of this type are here (none in band)
     * @param type     NAL_unit_type
     * @param nalus    the NAL units
     */
    public record NalArray(boolean complete, int type, List<byte[]> nalus) {
        public NalArray {
            CodecException.checkRange("NAL_unit_type", type, 0, 63);
            nalus = List.copyOf(nalus);
            if (nalus.size() > 0xffff) {
                throw CodecException.tooLong("numNalus", nalus.size(), 0xffff);
            }
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof NalArray a) || complete != a.complete || type != a.type
                    || nalus.size() != a.nalus.size()) {
                return false;
            }
            for (int i = 0; i < nalus.size(); i++) {
                if (!Arrays.equals(nalus.get(i), a.nalus.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = Objects.hash(complete, type);
            for (byte[] n : nalus) {
                h = 31 * h + Arrays.hashCode(n);
            }
            return h;
        }
    }

    public HevcDecoderConfig {
        Objects.requireNonNull(profileTierLevel, "profileTierLevel");
        CodecException.checkRange("min_spatial_segmentation_idc", minSpatialSegmentationIdc, 0, 4095);
        CodecException.checkRange("parallelismType", parallelismType, 0, 3);
        CodecException.checkRange("chromaFormat", chromaFormat, 0, 3);
        CodecException.checkRange("bitDepthLumaMinus8", bitDepthLumaMinus8, 0, 7);
        CodecException.checkRange("bitDepthChromaMinus8", bitDepthChromaMinus8, 0, 7);
        CodecException.checkRange("avgFrameRate", avgFrameRate, 0, 0xffff);
        CodecException.checkRange("constantFrameRate", constantFrameRate, 0, 3);
        CodecException.checkRange("numTemporalLayers", numTemporalLayers, 0, 7);
        CodecException.checkRange("lengthSizeMinusOne", lengthSizeMinusOne, 0, 3);
        if (lengthSizeMinusOne == 2) {
            throw CodecException.malformed("lengthSizeMinusOne 2 (3-byte lengths) is not allowed");
        }
        arrays = List.copyOf(arrays);
        if (arrays.size() > 255) {
            throw CodecException.tooLong("numOfArrays", arrays.size(), 255);
        }
    }

    public int lengthSize() {
        return lengthSizeMinusOne + 1;
    }

    /** All NAL units of one type across the arrays. */
    public List<byte[]> nalus(int type) {
        List<byte[]> out = new ArrayList<>();
        for (NalArray a : arrays) {
            if (a.type == type) {
                out.addAll(a.nalus);
            }
        }
        return out;
    }

    /** The parameter sets as the media model holds them. */
    public H265Parameters toParameters() {
        return new H265Parameters(nalus(H265NalType.VPS), nalus(H265NalType.SPS), nalus(H265NalType.PPS));
    }

    public static HevcDecoderConfig parse(byte[] b) {
        if (b.length < 23) {
            throw CodecException.truncated("HEVCDecoderConfigurationRecord", 23, b.length);
        }
        int version = b[0] & 0xff;
        if (version != 1) {
            throw CodecException.unsupported("HEVCDecoderConfigurationRecord version " + version + ", expected 1");
        }
        int b1 = b[1] & 0xff;
        long constraints = 0;
        for (int i = 6; i < 12; i++) {
            constraints = (constraints << 8) | (b[i] & 0xff);
        }
        ProfileTierLevel ptl = new ProfileTierLevel(b1 >> 6, (b1 & 0x20) != 0, b1 & 0x1f, u32(b, 2), constraints,
                b[12] & 0xff);
        int minSpatial = ((b[13] & 0x0f) << 8) | (b[14] & 0xff);
        int parallelism = b[15] & 3;
        int chroma = b[16] & 3;
        int luma = b[17] & 7;
        int chromaDepth = b[18] & 7;
        int avgFrameRate = ((b[19] & 0xff) << 8) | (b[20] & 0xff);
        int b21 = b[21] & 0xff;
        int lengthSizeMinusOne = b21 & 3;
        if (lengthSizeMinusOne == 2) {
            throw CodecException.malformed("lengthSizeMinusOne 2 (3-byte lengths) is not allowed");
        }
        int numArrays = b[22] & 0xff;
        int p = 23;
        List<NalArray> arrays = new ArrayList<>(numArrays);
        for (int i = 0; i < numArrays; i++) {
            need(b, p, 3, "NAL array header");
            boolean complete = (b[p] & 0x80) != 0;
            int type = b[p] & 0x3f;
            int count = ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
            p += 3;
            List<byte[]> nalus = new ArrayList<>(Math.min(count, (b.length - p) / 2 + 1));
            for (int j = 0; j < count; j++) {
                need(b, p, 2, "NAL unit length");
                int len = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
                p += 2;
                need(b, p, len, "NAL unit");
                nalus.add(Arrays.copyOfRange(b, p, p + len));
                p += len;
            }
            arrays.add(new NalArray(complete, type, nalus));
        }
        return new HevcDecoderConfig(ptl, minSpatial, parallelism, chroma, luma, chromaDepth, avgFrameRate,
                b21 >> 6, (b21 >> 3) & 7, (b21 & 4) != 0, lengthSizeMinusOne, arrays);
    }

    private static void need(byte[] b, int p, int n, String what) {
        if (n > b.length - p) {
            throw CodecException.truncated(what, n, b.length - p);
        }
    }

    private static int u32(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        ProfileTierLevel ptl = profileTierLevel;
        out.write(1);
        out.write((ptl.profileSpace() & 3) << 6 | (ptl.tier() ? 0x20 : 0) | (ptl.profileIdc() & 0x1f));
        for (int i = 24; i >= 0; i -= 8) {
            out.write(ptl.compatibilityFlags() >>> i);
        }
        for (int i = 40; i >= 0; i -= 8) {
            out.write((int) (ptl.constraintFlags() >>> i));
        }
        out.write(ptl.levelIdc());
        out.write(0xf0 | minSpatialSegmentationIdc >> 8);
        out.write(minSpatialSegmentationIdc);
        out.write(0xfc | parallelismType);
        out.write(0xfc | chromaFormat);
        out.write(0xf8 | bitDepthLumaMinus8);
        out.write(0xf8 | bitDepthChromaMinus8);
        out.write(avgFrameRate >> 8);
        out.write(avgFrameRate);
        out.write(constantFrameRate << 6 | numTemporalLayers << 3 | (temporalIdNested ? 4 : 0) | lengthSizeMinusOne);
        out.write(arrays.size());
        for (NalArray a : arrays) {
            out.write((a.complete ? 0x80 : 0) | a.type);
            out.write(a.nalus.size() >> 8);
            out.write(a.nalus.size());
            for (byte[] n : a.nalus) {
                if (n.length > 0xffff) {
                    throw CodecException.tooLong("NAL unit size", n.length, 0xffff);
                }
                out.write(n.length >> 8);
                out.write(n.length);
                out.write(n, 0, n.length);
            }
        }
        return out.toByteArray();
    }

    /**
     * Builds the record for a track's parameter sets (4-byte NAL lengths, complete arrays VPS, SPS, PPS), taking
     * profile, level, chroma format, bit depths and temporal layering from the first SPS.
     *
     * @throws CodecException when there is no SPS or it cannot be parsed
     */
    public static HevcDecoderConfig of(H265Parameters params) {
        if (params.sps().isEmpty()) {
            throw CodecException.malformed("H.265 parameters have no SPS");
        }
        H265Sps s = H265Sps.parse(params.sps().get(0));
        List<NalArray> arrays = new ArrayList<>(3);
        if (!params.vps().isEmpty()) {
            arrays.add(new NalArray(true, H265NalType.VPS, params.vps()));
        }
        arrays.add(new NalArray(true, H265NalType.SPS, params.sps()));
        if (!params.pps().isEmpty()) {
            arrays.add(new NalArray(true, H265NalType.PPS, params.pps()));
        }
        return new HevcDecoderConfig(s.profileTierLevel(), 0, 0, s.chromaFormatIdc(),
                Math.min(7, s.bitDepthLuma() - 8), Math.min(7, s.bitDepthChroma() - 8), 0, 0, s.maxSubLayers(),
                s.temporalIdNesting(), 3, arrays);
    }
}
