package io.livegate.codec.h264;

import io.livegate.codec.CodecException;
import io.livegate.media.CodecParameters.Bytes;
import io.livegate.media.CodecParameters.H264Parameters;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1): the body of an MP4 {@code avcC} box and of an FLV
 * AVC sequence header.
 *
 * @param profileIdc           AVCProfileIndication
 * @param profileCompatibility the constraint flags byte
 * @param levelIdc             AVCLevelIndication
 * @param lengthSizeMinusOne   NAL length prefix size minus one (0, 1 or 3)
 * @param sps                  sequence parameter set NAL units (at most 31)
 * @param pps                  picture parameter set NAL units (at most 255)
 * @param highProfile          the chroma/bit-depth trailer for profiles 100, 110, 122 and 144, or null when absent
 *                             (many writers omit it, so it is optional when reading)
 */
public record AvcDecoderConfig(int profileIdc, int profileCompatibility, int levelIdc, int lengthSizeMinusOne,
                               List<byte[]> sps, List<byte[]> pps, HighProfileExtension highProfile) {

    /**
     * The trailer the record carries for High profiles.
     *
     * @param chromaFormat         chroma_format_idc
     * @param bitDepthLumaMinus8   0..7
     * @param bitDepthChromaMinus8 0..7
     * @param spsExtensions        SequenceParameterSetExt NAL units
     */
    public record HighProfileExtension(int chromaFormat, int bitDepthLumaMinus8, int bitDepthChromaMinus8,
                                       List<byte[]> spsExtensions) {
        public HighProfileExtension {
            CodecException.checkRange("chroma_format", chromaFormat, 0, 3);
            CodecException.checkRange("bit_depth_luma_minus8", bitDepthLumaMinus8, 0, 7);
            CodecException.checkRange("bit_depth_chroma_minus8", bitDepthChromaMinus8, 0, 7);
            spsExtensions = List.copyOf(spsExtensions);
            if (spsExtensions.size() > 255) {
                throw CodecException.tooLong("SPS extension count", spsExtensions.size(), 255);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HighProfileExtension e && chromaFormat == e.chromaFormat
                    && bitDepthLumaMinus8 == e.bitDepthLumaMinus8 && bitDepthChromaMinus8 == e.bitDepthChromaMinus8
                    && Bytes.equal(spsExtensions, e.spsExtensions);
        }

        @Override
        public int hashCode() {
            return Objects.hash(chromaFormat, bitDepthLumaMinus8, bitDepthChromaMinus8, Bytes.hash(spsExtensions));
        }
    }

    public AvcDecoderConfig {
        CodecException.checkRange("AVCProfileIndication", profileIdc, 0, 255);
        CodecException.checkRange("profile_compatibility", profileCompatibility, 0, 255);
        CodecException.checkRange("AVCLevelIndication", levelIdc, 0, 255);
        CodecException.checkRange("lengthSizeMinusOne", lengthSizeMinusOne, 0, 3);
        sps = List.copyOf(sps);
        pps = List.copyOf(pps);
        if (sps.size() > 31) {
            throw CodecException.tooLong("SPS count", sps.size(), 31);
        }
        if (pps.size() > 255) {
            throw CodecException.tooLong("PPS count", pps.size(), 255);
        }
    }

    /** Size of the NAL unit length prefix in samples: 1, 2 or 4 bytes. */
    public int lengthSize() {
        return lengthSizeMinusOne + 1;
    }

    /** Profiles for which 14496-15 defines the trailer. */
    static boolean hasHighProfileFields(int profileIdc) {
        return profileIdc == 100 || profileIdc == 110 || profileIdc == 122 || profileIdc == 144;
    }

    public static AvcDecoderConfig parse(byte[] b) {
        Cursor c = new Cursor(b);
        int version = c.u8();
        if (version != 1) {
            throw CodecException.unsupported("AVCDecoderConfigurationRecord version " + version + ", expected 1");
        }
        int profile = c.u8();
        int compat = c.u8();
        int level = c.u8();
        int lengthSizeMinusOne = c.u8() & 3;
        if (lengthSizeMinusOne == 2) {
            throw CodecException.malformed("lengthSizeMinusOne 2 (3-byte lengths) is not allowed");
        }
        int spsCount = c.u8() & 0x1f;
        List<byte[]> sps = new ArrayList<>(spsCount);
        for (int i = 0; i < spsCount; i++) {
            sps.add(c.sized16());
        }
        int ppsCount = c.u8();
        List<byte[]> pps = new ArrayList<>(ppsCount);
        for (int i = 0; i < ppsCount; i++) {
            pps.add(c.sized16());
        }
        HighProfileExtension ext = null;
        if (hasHighProfileFields(profile) && c.left() >= 4) {
            int chroma = c.u8() & 3;
            int luma = c.u8() & 7;
            int chromaDepth = c.u8() & 7;
            int extCount = c.u8();
            List<byte[]> exts = new ArrayList<>(extCount);
            for (int i = 0; i < extCount; i++) {
                exts.add(c.sized16());
            }
            ext = new HighProfileExtension(chroma, luma, chromaDepth, exts);
        }
        return new AvcDecoderConfig(profile, compat, level, lengthSizeMinusOne, sps, pps, ext);
    }

    /** Writes the record; the trailer is written when {@link #highProfile()} is set. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(1);
        out.write(profileIdc);
        out.write(profileCompatibility);
        out.write(levelIdc);
        out.write(0xfc | lengthSizeMinusOne);
        out.write(0xe0 | sps.size());
        for (byte[] s : sps) {
            writeSized16(out, s);
        }
        out.write(pps.size());
        for (byte[] p : pps) {
            writeSized16(out, p);
        }
        if (highProfile != null) {
            out.write(0xfc | highProfile.chromaFormat);
            out.write(0xf8 | highProfile.bitDepthLumaMinus8);
            out.write(0xf8 | highProfile.bitDepthChromaMinus8);
            out.write(highProfile.spsExtensions.size());
            for (byte[] e : highProfile.spsExtensions) {
                writeSized16(out, e);
            }
        }
        return out.toByteArray();
    }

    /**
     * Builds the record for a track's parameter sets, with 4-byte NAL lengths. Profile, compatibility and level
     * come from the first SPS; the High-profile trailer from its parsed chroma format and bit depths.
     *
     * @throws CodecException when there is no SPS or it cannot be parsed
     */
    public static AvcDecoderConfig of(H264Parameters params) {
        if (params.sps().isEmpty()) {
            throw CodecException.malformed("H.264 parameters have no SPS");
        }
        H264Sps s = H264Sps.parse(params.sps().get(0));
        HighProfileExtension ext = hasHighProfileFields(s.profileIdc())
                ? new HighProfileExtension(s.chromaFormatIdc(), s.bitDepthLuma() - 8, s.bitDepthChroma() - 8, List.of())
                : null;
        return new AvcDecoderConfig(s.profileIdc(), s.constraintFlags(), s.levelIdc(), 3, params.sps(),
                params.pps(), ext);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvcDecoderConfig c && profileIdc == c.profileIdc
                && profileCompatibility == c.profileCompatibility && levelIdc == c.levelIdc
                && lengthSizeMinusOne == c.lengthSizeMinusOne && Bytes.equal(sps, c.sps) && Bytes.equal(pps, c.pps)
                && Objects.equals(highProfile, c.highProfile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profileIdc, profileCompatibility, levelIdc, lengthSizeMinusOne, Bytes.hash(sps),
                Bytes.hash(pps), highProfile);
    }

    @Override
    public String toString() {
        return "AvcDecoderConfig[profile=" + profileIdc + ", compat=" + profileCompatibility + ", level=" + levelIdc
                + ", lengthSize=" + lengthSize() + ", sps=" + sps.size() + ", pps=" + pps.size()
                + ", highProfile=" + (highProfile != null) + "]";
    }

    private static void writeSized16(ByteArrayOutputStream out, byte[] nal) {
        if (nal.length > 0xffff) {
            throw CodecException.tooLong("parameter set size", nal.length, 0xffff);
        }
        out.write(nal.length >>> 8);
        out.write(nal.length);
        out.write(nal, 0, nal.length);
    }

    /** Bounds-checked reading of the record's byte fields. */
    static final class Cursor {
        private final byte[] b;
        private int p;

        Cursor(byte[] b) {
            this.b = b;
        }

        int left() {
            return b.length - p;
        }

        int u8() {
            if (p >= b.length) {
                throw CodecException.truncated("decoder configuration record", 1, 0);
            }
            return b[p++] & 0xff;
        }

        int u16() {
            return (u8() << 8) | u8();
        }

        byte[] bytes(int n) {
            if (n > left()) {
                throw CodecException.truncated("decoder configuration entry", n, left());
            }
            byte[] out = Arrays.copyOfRange(b, p, p + n);
            p += n;
            return out;
        }

        byte[] sized16() {
            return bytes(u16());
        }
    }
}
