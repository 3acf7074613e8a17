package io.livegate.codec.h265;

import io.livegate.codec.BitReader;
import io.livegate.codec.CodecException;

/**
 * Walks the st_ref_pic_set() structures of an SPS (H.265 7.3.7, semantics 7.4.8). With inter RPS prediction the
 * size of a set depends on the delta POCs of the set it predicts from, so those are derived, not just skipped.
 */
final class ShortTermRefPicSets {

    /** More pictures than any DPB holds (sps_max_dec_pic_buffering is at most 16); bounds the derived arrays. */
    private static final int MAX_PICS = 32;

    private ShortTermRefPicSets() {
    }

    static void skip(BitReader r, int count) {
        int[][] s0 = new int[count][];
        int[][] s1 = new int[count][];
        for (int idx = 0; idx < count; idx++) {
            boolean interPrediction = idx != 0 && r.readFlag();
            if (interPrediction) {
                int ref = idx - 1; // delta_idx_minus1 is only coded in slice headers
                int sign = r.readBit();
                int abs = r.readUE("abs_delta_rps_minus1", 32767) + 1;
                int deltaRps = sign == 1 ? -abs : abs;
                int[] refS0 = s0[ref];
                int[] refS1 = s1[ref];
                int numDelta = refS0.length + refS1.length;
                boolean[] use = new boolean[numDelta + 1];
                for (int j = 0; j <= numDelta; j++) {
                    boolean used = r.readFlag();
                    use[j] = used || r.readFlag(); // use_delta_flag is inferred 1 when used_by_curr_pic_flag is set
                }
                int[] n0 = new int[numDelta + 1];
                int i = 0;
                for (int j = refS1.length - 1; j >= 0; j--) {
                    int d = refS1[j] + deltaRps;
                    if (d < 0 && use[refS0.length + j]) {
                        n0[i++] = d;
                    }
                }
                if (deltaRps < 0 && use[numDelta]) {
                    n0[i++] = deltaRps;
                }
                for (int j = 0; j < refS0.length; j++) {
                    int d = refS0[j] + deltaRps;
                    if (d < 0 && use[j]) {
                        n0[i++] = d;
                    }
                }
                s0[idx] = java.util.Arrays.copyOf(n0, i);
                int[] n1 = new int[numDelta + 1];
                i = 0;
                for (int j = refS0.length - 1; j >= 0; j--) {
                    int d = refS0[j] + deltaRps;
                    if (d > 0 && use[j]) {
                        n1[i++] = d;
                    }
                }
                if (deltaRps > 0 && use[numDelta]) {
                    n1[i++] = deltaRps;
                }
                for (int j = 0; j < refS1.length; j++) {
                    int d = refS1[j] + deltaRps;
                    if (d > 0 && use[refS0.length + j]) {
                        n1[i++] = d;
                    }
                }
                s1[idx] = java.util.Arrays.copyOf(n1, i);
            } else {
                int negatives = r.readUE("num_negative_pics", 16);
                int positives = r.readUE("num_positive_pics", 16);
                s0[idx] = new int[negatives];
                s1[idx] = new int[positives];
                int poc = 0;
                for (int i = 0; i < negatives; i++) {
                    poc -= r.readUE("delta_poc_s0_minus1", 32767) + 1;
                    s0[idx][i] = poc;
                    r.skip(1); // used_by_curr_pic_s0_flag
                }
                poc = 0;
                for (int i = 0; i < positives; i++) {
                    poc += r.readUE("delta_poc_s1_minus1", 32767) + 1;
                    s1[idx][i] = poc;
                    r.skip(1); // used_by_curr_pic_s1_flag
                }
            }
            if (s0[idx].length + s1[idx].length > MAX_PICS) {
                throw CodecException.malformed("short-term RPS " + idx + " has " + (s0[idx].length + s1[idx].length)
                        + " pictures, more than " + MAX_PICS);
            }
        }
    }
}
