package io.livegate.codec.h264;

import java.util.List;

/** H.264 nal_unit_type values (Table 7-1) and the RTP packetization types of RFC 6184 5.2. */
public final class H264NalType {

    public static final int SLICE = 1;
    public static final int SLICE_DPA = 2;
    public static final int SLICE_DPB = 3;
    public static final int SLICE_DPC = 4;
    public static final int IDR = 5;
    public static final int SEI = 6;
    public static final int SPS = 7;
    public static final int PPS = 8;
    public static final int AUD = 9;
    public static final int END_OF_SEQUENCE = 10;
    public static final int END_OF_STREAM = 11;
    public static final int FILLER = 12;
    public static final int SPS_EXTENSION = 13;
    public static final int PREFIX = 14;
    public static final int SUBSET_SPS = 15;
    public static final int SLICE_AUX = 19;
    public static final int SLICE_EXTENSION = 20;
    /** RFC 6184 aggregation and fragmentation units (never inside a {@code NalUnits} payload). */
    public static final int STAP_A = 24;
    public static final int STAP_B = 25;
    public static final int MTAP16 = 26;
    public static final int MTAP24 = 27;
    public static final int FU_A = 28;
    public static final int FU_B = 29;

    private H264NalType() {
    }

    /** The nal_unit_type of a NAL unit (low 5 bits of its first byte), or -1 for an empty array. */
    public static int of(byte[] nal) {
        return nal.length == 0 ? -1 : nal[0] & 0x1f;
    }

    /** True when the access unit holds an IDR slice, where decoding can start. */
    public static boolean isKeyframe(List<byte[]> nalus) {
        for (byte[] n : nalus) {
            if (of(n) == IDR) {
                return true;
            }
        }
        return false;
    }

    /** True for nal_unit_type 1..5 (coded slices a decoder turns into a picture). */
    public static boolean isVcl(int type) {
        return type >= SLICE && type <= IDR;
    }

    public static String name(int type) {
        return switch (type) {
            case SLICE -> "SLICE";
            case SLICE_DPA -> "SLICE_DPA";
            case SLICE_DPB -> "SLICE_DPB";
            case SLICE_DPC -> "SLICE_DPC";
            case IDR -> "IDR";
            case SEI -> "SEI";
            case SPS -> "SPS";
            case PPS -> "PPS";
            case AUD -> "AUD";
            case END_OF_SEQUENCE -> "END_OF_SEQUENCE";
            case END_OF_STREAM -> "END_OF_STREAM";
            case FILLER -> "FILLER";
            case SPS_EXTENSION -> "SPS_EXTENSION";
            case PREFIX -> "PREFIX";
            case SUBSET_SPS -> "SUBSET_SPS";
            case SLICE_AUX -> "SLICE_AUX";
            case SLICE_EXTENSION -> "SLICE_EXTENSION";
            case STAP_A -> "STAP_A";
            case STAP_B -> "STAP_B";
            case MTAP16 -> "MTAP16";
            case MTAP24 -> "MTAP24";
            case FU_A -> "FU_A";
            case FU_B -> "FU_B";
            default -> "TYPE_" + type;
        };
    }
}
