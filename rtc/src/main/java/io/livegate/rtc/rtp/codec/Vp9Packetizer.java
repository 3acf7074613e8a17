package io.livegate.rtc.rtp.codec;

import io.livegate.media.Frame;
import io.livegate.media.Payload;
import java.util.ArrayList;
import java.util.List;

/**
 * VP9 per RFC 9628 4.2 in non-flexible mode with one spatial layer: a one-byte descriptor with P (inter
 * predicted: not a keyframe), B on the first packet and E on the last; no picture id, no scalability
 * structure.
 */
public final class Vp9Packetizer implements RtpPacketizer {

    @Override
    public List<byte[]> packetize(Frame frame, int maxPayloadSize) {
        if (maxPayloadSize < 2) {
            throw new IllegalArgumentException("max payload " + maxPayloadSize + " < 2");
        }
        if (!(frame.payload() instanceof Payload.VpxFrame vp9)) {
            throw new IllegalArgumentException("VP9 needs VpxFrame, got " + frame.payload().getClass().getSimpleName());
        }
        byte[] data = vp9.data();
        int chunk = maxPayloadSize - 1;
        int p = frame.keyframe() ? 0 : 0x40;
        List<byte[]> out = new ArrayList<>(data.length / chunk + 1);
        int at = 0;
        do {
            int n = Math.min(chunk, data.length - at);
            byte[] b = new byte[1 + n];
            b[0] = (byte) (p | (at == 0 ? 0x08 : 0) | (at + n == data.length ? 0x04 : 0));
            System.arraycopy(data, at, b, 1, n);
            out.add(b);
            at += n;
        } while (at < data.length);
        return out;
    }
}
