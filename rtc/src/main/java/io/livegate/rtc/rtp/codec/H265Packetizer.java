package io.livegate.rtc.rtp.codec;

import io.livegate.media.CodecParameters.H265Parameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import java.util.ArrayList;
import java.util.List;

/**
 * H.265 per RFC 7798 without DONL: single NAL unit packets (4.4.1), aggregation packets for small
 * neighbours (4.4.2), fragmentation units for large ones (4.4.3). VPS/SPS/PPS go before each IRAP picture
 * that lacks them; access unit delimiters are dropped. Payloads may alias the frame's arrays.
 */
public final class H265Packetizer extends NalUnitPacketizer {

    static final int AP = 48;
    static final int FU = 49;

    private volatile List<byte[]> parameterSets;

    public H265Packetizer(H265Parameters parameters) {
        setParameters(parameters);
    }

    public void setParameters(H265Parameters parameters) {
        List<byte[]> ps = new ArrayList<>();
        if (parameters != null) {
            ps.addAll(parameters.vps());
            ps.addAll(parameters.sps());
            ps.addAll(parameters.pps());
        }
        parameterSets = List.copyOf(ps);
    }

    static int type(byte[] nal) {
        return (nal[0] >>> 1) & 0x3F;
    }

    @Override
    public List<byte[]> packetize(Frame frame, int maxPayloadSize) {
        if (maxPayloadSize < 4) {
            throw new IllegalArgumentException("max payload " + maxPayloadSize + " < 4");
        }
        if (!(frame.payload() instanceof Payload.NalUnits nal)) {
            throw new IllegalArgumentException("H.265 needs NalUnits, got " + frame.payload().getClass().getSimpleName());
        }
        List<byte[]> units = new ArrayList<>();
        boolean irap = false;
        int params = 0;
        for (byte[] u : nal.units()) {
            if (u.length < 2) {
                continue;
            }
            int t = type(u);
            irap |= t >= 16 && t <= 23;
            params |= t == 32 ? 1 : t == 33 ? 2 : t == 34 ? 4 : 0;
            if (t != 35) {
                units.add(u);
            }
        }
        if (irap && params != 7) {
            units.addAll(0, parameterSets);
        }
        return layout(units, maxPayloadSize);
    }

    @Override
    int aggregationHeaderSize() {
        return 2;
    }

    @Override
    byte[] aggregate(List<byte[]> units, int size) {
        byte[] p = new byte[size];
        int f = 0;
        int layer = 63;
        int tid = 7;
        int at = 2;
        for (byte[] u : units) {
            f |= u[0] & 0x80;
            layer = Math.min(layer, ((u[0] & 1) << 5) | ((u[1] & 0xFF) >>> 3));
            tid = Math.min(tid, u[1] & 7);
            p[at] = (byte) (u.length >>> 8);
            p[at + 1] = (byte) u.length;
            System.arraycopy(u, 0, p, at + 2, u.length);
            at += 2 + u.length;
        }
        p[0] = (byte) (f | (AP << 1) | (layer >>> 5));
        p[1] = (byte) (((layer & 0x1F) << 3) | tid);
        return p;
    }

    @Override
    void fragment(byte[] u, int max, List<byte[]> out) {
        int chunk = max - 3;
        int type = type(u);
        for (int at = 2; at < u.length; at += chunk) {
            int n = Math.min(chunk, u.length - at);
            byte[] p = new byte[3 + n];
            p[0] = (byte) ((u[0] & 0x81) | (FU << 1));
            p[1] = u[1];
            p[2] = (byte) ((at == 2 ? 0x80 : 0) | (at + n == u.length ? 0x40 : 0) | type);
            System.arraycopy(u, at, p, 3, n);
            out.add(p);
        }
    }
}
