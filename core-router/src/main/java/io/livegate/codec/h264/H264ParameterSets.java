package io.livegate.codec.h264;

import io.livegate.media.CodecParameters.H264Parameters;
import java.util.ArrayList;
import java.util.List;

/**
 * In-band parameter sets: Annex B (MPEG-TS) and RTP publishers repeat SPS/PPS inside access units instead of
 * sending a sequence header. Every ingest updates its track the same way through this class.
 */
public final class H264ParameterSets {

    private H264ParameterSets() {
    }

    /**
     * The parameters after an access unit: its SPS and PPS units (if any) replace those of {@code current}; when
     * the unit carries none, or the same bytes, {@code current} itself is returned, so callers can compare with
     * {@code ==} / {@code equals} to see a change.
     *
     * @param current the track's parameters so far, or null
     */
    public static H264Parameters update(H264Parameters current, List<byte[]> nalus) {
        List<byte[]> sps = new ArrayList<>(1);
        List<byte[]> pps = new ArrayList<>(1);
        for (byte[] n : nalus) {
            int t = H264NalType.of(n);
            if (t == H264NalType.SPS) {
                sps.add(n);
            } else if (t == H264NalType.PPS) {
                pps.add(n);
            }
        }
        if (sps.isEmpty() && pps.isEmpty()) {
            return current;
        }
        H264Parameters next = new H264Parameters(!sps.isEmpty() ? sps : current != null ? current.sps() : List.of(),
                !pps.isEmpty() ? pps : current != null ? current.pps() : List.of());
        return next.equals(current) ? current : next;
    }

    /** True when the parameters hold at least one SPS and one PPS, enough to start decoding. */
    public static boolean complete(H264Parameters p) {
        return p != null && !p.sps().isEmpty() && !p.pps().isEmpty();
    }
}
