package io.livegate.rtc.rtp.codec;

import io.livegate.media.Payload;

/** Opus per RFC 7587: every RTP payload is one Opus packet, hence one frame; empty payloads are skipped. */
public final class OpusDepacketizer extends AbstractDepacketizer {

    private byte[] packet;

    public OpusDepacketizer() {
        super(DepacketizerLimits.DEFAULT);
    }

    @Override
    public boolean isFrameStart(byte[] payload) {
        return true;
    }

    @Override
    boolean singlePacketFrames() {
        return true;
    }

    @Override
    void append(byte[] payload) {
        packet = payload;
    }

    @Override
    Payload build() {
        return packet == null || packet.length == 0 ? null : new Payload.OpusPacket(packet);
    }

    @Override
    boolean keyframe() {
        return true;
    }

    @Override
    void clear() {
        packet = null;
    }
}
