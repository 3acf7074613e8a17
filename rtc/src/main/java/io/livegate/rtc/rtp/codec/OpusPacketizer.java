package io.livegate.rtc.rtp.codec;

import io.livegate.media.Frame;
import io.livegate.media.Payload;
import java.util.List;

/** Opus per RFC 7587 4.2: one Opus packet per RTP packet, never split (Opus packets are at most 1275 bytes). */
public final class OpusPacketizer implements RtpPacketizer {

    @Override
    public List<byte[]> packetize(Frame frame, int maxPayloadSize) {
        if (!(frame.payload() instanceof Payload.OpusPacket opus)) {
            throw new IllegalArgumentException("Opus needs OpusPacket, got " + frame.payload().getClass().getSimpleName());
        }
        return List.of(opus.data());
    }
}
