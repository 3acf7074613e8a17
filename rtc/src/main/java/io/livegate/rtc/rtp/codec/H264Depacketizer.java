package io.livegate.rtc.rtp.codec;

import io.livegate.media.Payload;
import io.livegate.rtc.rtp.codec.RtpCodecException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * H.264 per RFC 6184: single NAL units, STAP-A and FU-A (modes 0 and 1); STAP-B, MTAP and FU-B (mode 2) are
 * refused. A frame ends at the marker bit; it is a keyframe when it holds an IDR slice.
 */
public final class H264Depacketizer extends AbstractDepacketizer {

    private final List<byte[]> units = new ArrayList<>();
    private final FrameBuffer fu = new FrameBuffer();
    private boolean inFu;
    private boolean idr;

    public H264Depacketizer() {
        this(DepacketizerLimits.DEFAULT);
    }

    public H264Depacketizer(DepacketizerLimits limits) {
        super(limits);
    }

    @Override
    public boolean isFrameStart(byte[] p) {
        if (p.length == 0) {
            return false;
        }
        int type = p[0] & 0x1F;
        // Mode-2 types count as starts so that append() can refuse them by name.
        return (type >= 1 && type <= 27) || ((type == H264Packetizer.FU_A || type == 29) && p.length > 1
                && (p[1] & 0x80) != 0);
    }

    @Override
    void append(byte[] p) {
        if (p.length == 0) {
            throw new RtpCodecException(Reason.MALFORMED, "empty H.264 payload");
        }
        int type = p[0] & 0x1F;
        switch (type) {
            case H264Packetizer.STAP_A -> {
                int i = 1;
                while (i < p.length) {
                    if (i + 2 > p.length) {
                        throw new RtpCodecException(Reason.MALFORMED, "STAP-A size field cut at " + i);
                    }
                    int size = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
                    if (size == 0 || i + 2 + size > p.length) {
                        throw new RtpCodecException(Reason.MALFORMED, "STAP-A unit of " + size + " bytes at " + i
                                + " in " + p.length);
                    }
                    unit(Arrays.copyOfRange(p, i + 2, i + 2 + size));
                    i += 2 + size;
                }
            }
            case H264Packetizer.FU_A -> {
                if (p.length < 3) {
                    throw new RtpCodecException(Reason.MALFORMED, "FU-A of " + p.length + " bytes");
                }
                boolean start = (p[1] & 0x80) != 0;
                boolean end = (p[1] & 0x40) != 0;
                if (start) {
                    fu.clear();
                    fu.append((p[0] & 0xE0) | (p[1] & 0x1F));
                    inFu = true;
                } else if (!inFu) {
                    throw new RtpCodecException(Reason.MALFORMED, "FU-A continuation without a start");
                }
                account(p.length - 2, 0);
                fu.append(p, 2, p.length - 2);
                if (end) {
                    inFu = false;
                    byte[] nal = fu.toBytes();
                    fu.clear();
                    units.add(nal);
                    account(0, 1);
                    idr |= (nal[0] & 0x1F) == 5;
                }
            }
            case 25, 26, 27, 29 -> throw new RtpCodecException(Reason.UNSUPPORTED,
                    "H.264 packet type " + type + " (packetization-mode 2)");
            case 0, 30, 31 -> {
                // RFC 6184 5.2: reserved types are ignored
            }
            default -> unit(p.clone());
        }
    }

    private void unit(byte[] nal) {
        account(nal.length, 1);
        units.add(nal);
        idr |= (nal[0] & 0x1F) == 5;
    }

    @Override
    Payload build() {
        return units.isEmpty() ? null : new Payload.NalUnits(units);
    }

    @Override
    boolean keyframe() {
        return idr;
    }

    @Override
    void clear() {
        units.clear();
        fu.clear();
        inFu = false;
        idr = false;
    }
}
