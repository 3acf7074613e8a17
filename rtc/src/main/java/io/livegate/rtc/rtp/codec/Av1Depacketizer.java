package io.livegate.rtc.rtp.codec;

import io.livegate.media.Payload;
import io.livegate.rtc.rtp.codec.RtpCodecException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * AV1 per the AOM RTP payload format v1.0: reads the aggregation header (Z, Y, W, N), OBU elements with and
 * without length fields, joins fragments across packets, and gives each OBU its size field back, as the
 * canonical {@link Payload.Av1TemporalUnit} wants. Temporal delimiters are dropped; N marks a keyframe.
 */
public final class Av1Depacketizer extends AbstractDepacketizer {

    private final List<byte[]> obus = new ArrayList<>();
    private final FrameBuffer fragment = new FrameBuffer();
    private boolean inFragment;
    private boolean key;
    private boolean first = true;

    public Av1Depacketizer() {
        this(DepacketizerLimits.DEFAULT);
    }

    public Av1Depacketizer(DepacketizerLimits limits) {
        super(limits);
    }

    @Override
    public boolean isFrameStart(byte[] p) {
        return p.length > 0 && (p[0] & 0x80) == 0;
    }

    @Override
    void append(byte[] p) {
        if (p.length < 2) {
            throw new RtpCodecException(Reason.MALFORMED, "AV1 payload of " + p.length + " bytes");
        }
        int h = p[0] & 0xFF;
        boolean z = (h & 0x80) != 0;
        boolean y = (h & 0x40) != 0;
        int w = (h >>> 4) & 0x03;
        if (first) {
            key = (h & 0x08) != 0;
            first = false;
        }
        int i = 1;
        for (int n = 0; i < p.length; n++) {
            int size;
            if (w == 0 || n < w - 1) {
                long r = Leb128.read(p, i, p.length);
                size = (int) (r >>> 8);
                i += (int) (r & 0xFF);
            } else {
                size = p.length - i;
            }
            if (size > p.length - i) {
                throw new RtpCodecException(Reason.MALFORMED, "OBU element of " + size + " bytes at " + i);
            }
            boolean continuation = n == 0 && z;
            boolean last = i + size == p.length || (w != 0 && n == w - 1);
            if (continuation) {
                if (!inFragment) {
                    throw new RtpCodecException(Reason.MALFORMED, "AV1 continuation without its start");
                }
            } else {
                if (inFragment) {
                    throw new RtpCodecException(Reason.MALFORMED, "AV1 fragment not continued");
                }
                fragment.clear();
                inFragment = true;
            }
            account(size, 0);
            fragment.append(p, i, size);
            i += size;
            if (!(last && y)) {
                finishObu();
            }
            if (w != 0 && n == w - 1) {
                break;
            }
        }
    }

    private void finishObu() {
        inFragment = false;
        byte[] e = fragment.toBytes();
        fragment.clear();
        if (e.length == 0) {
            return;
        }
        int h = e[0] & 0xFF;
        int type = (h >>> 3) & 0x0F;
        int headerLen = (h & 0x04) != 0 ? 2 : 1;
        if (e.length < headerLen) {
            throw new RtpCodecException(Reason.MALFORMED, "OBU element of " + e.length + " bytes");
        }
        if (type == Av1Packetizer.OBU_TEMPORAL_DELIMITER) {
            return;
        }
        byte[] obu;
        if ((h & 0x02) != 0) {
            obu = e; // the sender kept the size field
        } else {
            int size = e.length - headerLen;
            obu = new byte[headerLen + Leb128.size(size) + size];
            obu[0] = (byte) (h | 0x02);
            if (headerLen == 2) {
                obu[1] = e[1];
            }
            int at = headerLen + Leb128.write(obu, headerLen, size);
            System.arraycopy(e, headerLen, obu, at, size);
        }
        account(obu.length - e.length, 1);
        obus.add(obu);
    }

    @Override
    Payload build() {
        return obus.isEmpty() ? null : new Payload.Av1TemporalUnit(obus);
    }

    @Override
    boolean keyframe() {
        return key;
    }

    @Override
    void clear() {
        obus.clear();
        fragment.clear();
        inFragment = false;
        key = false;
        first = true;
    }
}
