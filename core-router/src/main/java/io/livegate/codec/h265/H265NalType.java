package io.livegate.codec.h265;

import java.util.List;

/** H.265 nal_unit_type values (Table 7-1) and the RTP packet types of RFC 7798 4.4. */
public final class H265NalType {

    public static final int TRAIL_N = 0;
    public static final int TRAIL_R = 1;
    public static final int TSA_N = 2;
    public static final int TSA_R = 3;
    public static final int STSA_N = 4;
    public static final int STSA_R = 5;
    public static final int RADL_N = 6;
    public static final int RADL_R = 7;
    public static final int RASL_N = 8;
    public static final int RASL_R = 9;
    public static final int BLA_W_LP = 16;
    public static final int BLA_W_RADL = 17;
    public static final int BLA_N_LP = 18;
    public static final int IDR_W_RADL = 19;
    public static final int IDR_N_LP = 20;
    public static final int CRA_NUT = 21;
    public static final int RSV_IRAP_22 = 22;
    public static final int RSV_IRAP_23 = 23;
    public static final int VPS = 32;
    public static final int SPS = 33;
    public static final int PPS = 34;
    public static final int AUD = 35;
    public static final int EOS = 36;
    public static final int EOB = 37;
    public static final int FD = 38;
    public static final int PREFIX_SEI = 39;
    public static final int SUFFIX_SEI = 40;
    /** RFC 7798 aggregation packet, fragmentation unit, PACI (never inside a {@code NalUnits} payload). */
    public static final int AP = 48;
    public static final int FU = 49;
    public static final int PACI = 50;

    private H265NalType() {
    }

    /** The nal_unit_type (bits 1..6 of the first header byte), or -1 for an empty array. */
    public static int of(byte[] nal) {
        return nal.length == 0 ? -1 : (nal[0] >> 1) & 0x3f;
    }

    /** Intra random access point types (16..23): BLA, IDR, CRA and the reserved IRAP types. */
    public static boolean isIrap(int type) {
        return type >= BLA_W_LP && type <= RSV_IRAP_23;
    }

    /** True for the VCL types 0..31 (coded slice segments). */
    public static boolean isVcl(int type) {
        return type >= 0 && type < VPS;
    }

    /** True when the access unit holds an IRAP picture, where decoding can start. */
    public static boolean isKeyframe(List<byte[]> nalus) {
        for (byte[] n : nalus) {
            if (isIrap(of(n))) {
                return true;
            }
        }
        return false;
    }

    public static String name(int type) {
        return switch (type) {
            case TRAIL_N -> "TRAIL_N";
            case TRAIL_R -> "TRAIL_R";
            case TSA_N -> "TSA_N";
            case TSA_R -> "TSA_R";
            case STSA_N -> "STSA_N";
            case STSA_R -> "STSA_R";
            case RADL_N -> "RADL_N";
            case RADL_R -> "RADL_R";
            case RASL_N -> "RASL_N";
            case RASL_R -> "RASL_R";
            case BLA_W_LP -> "BLA_W_LP";
            case BLA_W_RADL -> "BLA_W_RADL";
            case BLA_N_LP -> "BLA_N_LP";
            case IDR_W_RADL -> "IDR_W_RADL";
            case IDR_N_LP -> "IDR_N_LP";
            case CRA_NUT -> "CRA_NUT";
            case VPS -> "VPS";
            case SPS -> "SPS";
            case PPS -> "PPS";
            case AUD -> "AUD";
            case EOS -> "EOS";
            case EOB -> "EOB";
            case FD -> "FD";
            case PREFIX_SEI -> "PREFIX_SEI";
            case SUFFIX_SEI -> "SUFFIX_SEI";
            case AP -> "AP";
            case FU -> "FU";
            case PACI -> "PACI";
            default -> "TYPE_" + type;
        };
    }
}
