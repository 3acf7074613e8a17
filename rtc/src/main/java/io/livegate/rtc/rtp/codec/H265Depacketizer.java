package io.livegate.rtc.rtp.codec;

import io.livegate.media.Payload;
import io.livegate.rtc.rtp.codec.RtpCodecException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * H.265 per RFC 7798 (sprop-max-don-diff 0, no DONL): single NAL units, APs and FUs; PACI is refused. A
 * frame is a keyframe when it holds an IRAP picture (NAL types 16-23).
 */
public final class H265Depacketizer extends AbstractDepacketizer {

    private final List<byte[]> units = new ArrayList<>();
    private final FrameBuffer fu = new FrameBuffer();
    private boolean inFu;
    private boolean irap;

    public H265Depacketizer() {
        this(DepacketizerLimits.DEFAULT);
    }

    public H265Depacketizer(DepacketizerLimits limits) {
        super(limits);
    }

    @Override
    public boolean isFrameStart(byte[] p) {
        if (p.length < 2) {
            return false;
        }
        int type = (p[0] >>> 1) & 0x3F;
        // PACI counts as a start so that append() can refuse it by name.
        return type <= H265Packetizer.AP || type == 50
                || (type == H265Packetizer.FU && p.length > 2 && (p[2] & 0x80) != 0);
    }

    @Override
    void append(byte[] p) {
        if (p.length < 3) {
            throw new RtpCodecException(Reason.MALFORMED, "H.265 payload of " + p.length + " bytes");
        }
        int type = (p[0] >>> 1) & 0x3F;
        if (type == H265Packetizer.AP) {
            int i = 2;
            while (i < p.length) {
                if (i + 2 > p.length) {
                    throw new RtpCodecException(Reason.MALFORMED, "AP size field cut at " + i);
                }
                int size = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
                if (size < 2 || i + 2 + size > p.length) {
                    throw new RtpCodecException(Reason.MALFORMED, "AP unit of " + size + " bytes at " + i);
                }
                unit(Arrays.copyOfRange(p, i + 2, i + 2 + size));
                i += 2 + size;
            }
        } else if (type == H265Packetizer.FU) {
            if (p.length < 4) {
                throw new RtpCodecException(Reason.MALFORMED, "FU of " + p.length + " bytes");
            }
            boolean start = (p[2] & 0x80) != 0;
            boolean end = (p[2] & 0x40) != 0;
            if (start) {
                fu.clear();
                fu.append((p[0] & 0x81) | ((p[2] & 0x3F) << 1));
                fu.append(p[1] & 0xFF);
                inFu = true;
            } else if (!inFu) {
                throw new RtpCodecException(Reason.MALFORMED, "FU continuation without a start");
            }
            account(p.length - 3, 0);
            fu.append(p, 3, p.length - 3);
            if (end) {
                inFu = false;
                byte[] nal = fu.toBytes();
                fu.clear();
                account(0, 1);
                units.add(nal);
                int t = H265Packetizer.type(nal);
                irap |= t >= 16 && t <= 23;
            }
        } else if (type == 50) {
            throw new RtpCodecException(Reason.UNSUPPORTED, "H.265 PACI packet");
        } else if (type < 48) {
            unit(p.clone());
        }
        // 51-63: unspecified, ignored (RFC 7798 4.4)
    }

    private void unit(byte[] nal) {
        account(nal.length, 1);
        units.add(nal);
        int t = H265Packetizer.type(nal);
        irap |= t >= 16 && t <= 23;
    }

    @Override
    Payload build() {
        return units.isEmpty() ? null : new Payload.NalUnits(units);
    }

    @Override
    boolean keyframe() {
        return irap;
    }

    @Override
    void clear() {
        units.clear();
        fu.clear();
        inFu = false;
        irap = false;
    }
}
