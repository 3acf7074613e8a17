package io.livegate.codec.h265;

import io.livegate.media.CodecParameters.H265Parameters;
import java.util.ArrayList;
import java.util.List;

/** In-band H.265 parameter sets (VPS/SPS/PPS repeated in access units), as {@code H264ParameterSets} for H.264. */
public final class H265ParameterSets {

    private H265ParameterSets() {
    }

    /**
     * The parameters after an access unit: each kind of parameter set it carries replaces that kind in
     * {@code current}; returns {@code current} itself when nothing changed.
     *
     * @param current the track's parameters so far, or null
     */
    public static H265Parameters update(H265Parameters current, List<byte[]> nalus) {
        List<byte[]> vps = new ArrayList<>(1);
        List<byte[]> sps = new ArrayList<>(1);
        List<byte[]> pps = new ArrayList<>(1);
        for (byte[] n : nalus) {
            switch (H265NalType.of(n)) {
                case H265NalType.VPS -> vps.add(n);
                case H265NalType.SPS -> sps.add(n);
                case H265NalType.PPS -> pps.add(n);
                default -> {
                }
            }
        }
        if (vps.isEmpty() && sps.isEmpty() && pps.isEmpty()) {
            return current;
        }
        H265Parameters next = new H265Parameters(
                !vps.isEmpty() ? vps : current != null ? current.vps() : List.of(),
                !sps.isEmpty() ? sps : current != null ? current.sps() : List.of(),
                !pps.isEmpty() ? pps : current != null ? current.pps() : List.of());
        return next.equals(current) ? current : next;
    }

    /** True when the parameters hold a VPS, an SPS and a PPS. */
    public static boolean complete(H265Parameters p) {
        return p != null && !p.vps().isEmpty() && !p.sps().isEmpty() && !p.pps().isEmpty();
    }
}
