package io.livegate.rtc.rtp.codec;

import io.livegate.media.Frame;
import io.livegate.media.Payload;
import java.util.ArrayList;
import java.util.List;

/**
 * VP8 per RFC 7741 4.2: a one-byte payload descriptor (S set on the first packet, partition index 0, no
 * picture id), then the frame split to fit.
 */
public final class Vp8Packetizer implements RtpPacketizer {

    @Override
    public List<byte[]> packetize(Frame frame, int maxPayloadSize) {
        if (maxPayloadSize < 2) {
            throw new IllegalArgumentException("max payload " + maxPayloadSize + " < 2");
        }
        if (!(frame.payload() instanceof Payload.VpxFrame vp8)) {
            throw new IllegalArgumentException("VP8 needs VpxFrame, got " + frame.payload().getClass().getSimpleName());
        }
        byte[] data = vp8.data();
        int chunk = maxPayloadSize - 1;
        List<byte[]> out = new ArrayList<>(data.length / chunk + 1);
        for (int at = 0; at < data.length || at == 0; at += chunk) {
            int n = Math.min(chunk, data.length - at);
            byte[] p = new byte[1 + n];
            p[0] = (byte) (at == 0 ? 0x10 : 0x00);
            System.arraycopy(data, at, p, 1, n);
            out.add(p);
            if (data.length == 0) {
                break;
            }
        }
        return out;
    }
}
