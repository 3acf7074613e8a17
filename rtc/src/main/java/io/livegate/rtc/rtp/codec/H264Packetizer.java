package io.livegate.rtc.rtp.codec;

import io.livegate.media.CodecParameters.H264Parameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import java.util.ArrayList;
import java.util.List;

/**
 * H.264 per RFC 6184 packetization-mode 1: a NAL unit that fits goes alone (5.6) or with its small
 * neighbours in a STAP-A (5.7.1); a larger one is split into FU-As (5.8). Access unit delimiters are
 * dropped. Before an IDR, the track's SPS and PPS are sent when the frame does not carry them, so a viewer
 * joining at any keyframe can decode. Payloads may alias the frame's NAL arrays: do not modify them.
 */
public final class H264Packetizer extends NalUnitPacketizer {

    static final int STAP_A = 24;
    static final int FU_A = 28;

    private volatile List<byte[]> parameterSets;

    /** @param parameters the track's SPS/PPS, or null when they only come in band */
    public H264Packetizer(H264Parameters parameters) {
        setParameters(parameters);
    }

    /** Replaces the SPS/PPS sent before IDRs (the track's parameters changed). */
    public void setParameters(H264Parameters parameters) {
        List<byte[]> ps = new ArrayList<>();
        if (parameters != null) {
            ps.addAll(parameters.sps());
            ps.addAll(parameters.pps());
        }
        this.parameterSets = List.copyOf(ps);
    }

    @Override
    public List<byte[]> packetize(Frame frame, int maxPayloadSize) {
        if (maxPayloadSize < 3) {
            throw new IllegalArgumentException("max payload " + maxPayloadSize + " < 3");
        }
        if (!(frame.payload() instanceof Payload.NalUnits nal)) {
            throw new IllegalArgumentException("H.264 needs NalUnits, got " + frame.payload().getClass().getSimpleName());
        }
        List<byte[]> units = new ArrayList<>(nal.units().size() + 2);
        boolean idr = false;
        boolean sps = false;
        boolean pps = false;
        for (byte[] u : nal.units()) {
            if (u.length == 0) {
                continue;
            }
            int type = u[0] & 0x1F;
            idr |= type == 5;
            sps |= type == 7;
            pps |= type == 8;
            if (type != 9) {
                units.add(u);
            }
        }
        if (idr && !(sps && pps)) {
            units.addAll(0, parameterSets);
        }
        return layout(units, maxPayloadSize);
    }

    @Override
    int aggregationHeaderSize() {
        return 1;
    }

    @Override
    byte[] aggregate(List<byte[]> units, int size) {
        byte[] p = new byte[size];
        int f = 0;
        int nri = 0;
        int at = 1;
        for (byte[] u : units) {
            f |= u[0] & 0x80;
            nri = Math.max(nri, u[0] & 0x60);
            p[at] = (byte) (u.length >>> 8);
            p[at + 1] = (byte) u.length;
            System.arraycopy(u, 0, p, at + 2, u.length);
            at += 2 + u.length;
        }
        p[0] = (byte) (f | nri | STAP_A);
        return p;
    }

    @Override
    void fragment(byte[] u, int max, List<byte[]> out) {
        int chunk = max - 2;
        int indicator = (u[0] & 0xE0) | FU_A;
        int type = u[0] & 0x1F;
        for (int at = 1; at < u.length; at += chunk) {
            int n = Math.min(chunk, u.length - at);
            byte[] p = new byte[2 + n];
            p[0] = (byte) indicator;
            p[1] = (byte) ((at == 1 ? 0x80 : 0) | (at + n == u.length ? 0x40 : 0) | type);
            System.arraycopy(u, at, p, 2, n);
            out.add(p);
        }
    }
}
