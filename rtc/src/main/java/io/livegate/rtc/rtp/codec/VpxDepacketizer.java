package io.livegate.rtc.rtp.codec;

import io.livegate.media.Payload;

/**
 * What VP8 and VP9 depacketizing share: each packet is a payload descriptor followed by frame bytes, collected
 * into one {@link Payload.VpxFrame}. Only the descriptor layout and where the keyframe bit sits differ.
 */
abstract sealed class VpxDepacketizer extends AbstractDepacketizer permits Vp8Depacketizer, Vp9Depacketizer {

    private final FrameBuffer frame = new FrameBuffer();
    private boolean key;

    VpxDepacketizer(DepacketizerLimits limits) {
        super(limits);
    }

    /** Length of this packet's payload descriptor; throws when it runs past the payload. */
    abstract int descriptor(byte[] payload);

    /** Whether a frame's first packet (descriptor length {@code d}) starts a keyframe. */
    abstract boolean startsKeyframe(byte[] payload, int d);

    @Override
    final void append(byte[] p) {
        int d = descriptor(p);
        if (frame.length() == 0) {
            key = startsKeyframe(p, d);
        }
        account(p.length - d, frame.length() == 0 ? 1 : 0);
        frame.append(p, d, p.length - d);
    }

    @Override
    final Payload build() {
        return frame.length() == 0 ? null : new Payload.VpxFrame(frame.toBytes());
    }

    @Override
    final boolean keyframe() {
        return key;
    }

    @Override
    final void clear() {
        frame.clear();
        key = false;
    }
}
