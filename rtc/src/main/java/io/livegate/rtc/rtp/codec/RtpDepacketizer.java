package io.livegate.rtc.rtp.codec;

import io.livegate.media.Payload;
import io.livegate.rtc.rtp.RtpPacket;

/** Reassembles frames from RTP packets of one SSRC, fed in sequence order. One per incoming stream. */
public interface RtpDepacketizer {

    /** What a packet completed. */
    sealed interface Result {
    }

    /** The frame is not complete yet (or the packet was dropped while waiting for a frame start). */
    enum NeedMore implements Result {
        INSTANCE
    }

    /**
     * A complete frame.
     *
     * @param rtpTimestamp the RTP timestamp of its packets
     * @param keyframe     decoding can start here
     */
    record Complete(long rtpTimestamp, boolean keyframe, Payload payload) implements Result {
    }

    /**
     * @throws RtpCodecException for a malformed or unsupported payload or a frame over the limits; the
     *                           partial frame is discarded and the depacketizer waits for the next frame start
     */
    Result push(RtpPacket packet);

    /** True when this payload starts a frame (a decoder could start reading here). */
    boolean isFrameStart(byte[] payload);

    /** Frames discarded because of loss, reordering or errors. */
    long droppedFrames();

    /** Forgets the partial frame and the sequence state (e.g. after an SSRC change). */
    void reset();
}
