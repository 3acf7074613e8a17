package io.livegate.rtc.rtp.codec;

import io.livegate.media.Payload;
import io.livegate.rtc.rtp.RtpPacket;

/**
 * Frame boundaries, loss handling and limits shared by the codec depacketizers: a frame is the packets
 * between frame start and the marker bit under one timestamp; a sequence gap or a timestamp change inside
 * a frame discards it, and packets are skipped until the next frame start with a new timestamp.
 */
abstract class AbstractDepacketizer implements RtpDepacketizer {

    protected final DepacketizerLimits limits;
    private boolean started;
    private int lastSeq;
    private boolean inFrame;
    private long frameTimestamp;
    private boolean dropping;
    private long droppingTimestamp = -1;
    private long dropped;
    private int bytes;
    private int units;

    AbstractDepacketizer(DepacketizerLimits limits) {
        this.limits = limits;
    }

    /** Adds one payload of the current frame. */
    abstract void append(byte[] payload);

    /** Builds the frame from what {@link #append} collected; null when nothing decodable was collected. */
    abstract Payload build();

    abstract boolean keyframe();

    /** Clears the collected data. */
    abstract void clear();

    /** Every packet is a frame (audio); the marker bit does not end frames. */
    boolean singlePacketFrames() {
        return false;
    }

    @Override
    public final Result push(RtpPacket packet) {
        int seq = packet.header().sequenceNumber();
        long ts = packet.header().timestamp();
        boolean gap = started && seq != ((lastSeq + 1) & 0xFFFF);
        started = true;
        lastSeq = seq;
        if (gap && inFrame && !singlePacketFrames()) {
            discard(frameTimestamp); // a packet of this frame is missing
        }
        if (inFrame && ts != frameTimestamp) {
            discard(frameTimestamp); // the marker packet was lost
        }
        byte[] payload = packet.payload();
        if (dropping) {
            if (ts == droppingTimestamp || !isFrameStart(payload)) {
                if (packet.header().marker()) {
                    droppingTimestamp = -1; // the damaged frame ended; the next frame may start
                }
                return NeedMore.INSTANCE;
            }
            dropping = false;
        }
        if (!inFrame) {
            if (!isFrameStart(payload)) {
                dropping = true;
                droppingTimestamp = ts;
                dropped++;
                return NeedMore.INSTANCE;
            }
            inFrame = true;
            frameTimestamp = ts;
        }
        try {
            append(payload);
        } catch (RtpCodecException e) {
            discard(ts);
            throw e;
        }
        if (singlePacketFrames() || packet.header().marker()) {
            boolean key = keyframe();
            Payload p = build();
            clearFrame();
            if (p == null) {
                dropped++;
                return NeedMore.INSTANCE;
            }
            return new Complete(ts, key, p);
        }
        return NeedMore.INSTANCE;
    }

    /** Counts bytes and units against the limits; subclasses call it as they collect. */
    final void account(int addBytes, int addUnits) {
        bytes += addBytes;
        units += addUnits;
        if (bytes > limits.maxFrameBytes()) {
            throw new RtpCodecException(RtpCodecException.Reason.TOO_LARGE, "frame of over " + bytes
                    + " bytes, limit " + limits.maxFrameBytes());
        }
        if (units > limits.maxUnits()) {
            throw new RtpCodecException(RtpCodecException.Reason.TOO_LARGE, "frame of over " + units
                    + " units, limit " + limits.maxUnits());
        }
    }

    private void discard(long damagedTimestamp) {
        if (inFrame) {
            dropped++;
        }
        clearFrame();
        dropping = true;
        droppingTimestamp = damagedTimestamp;
    }

    private void clearFrame() {
        inFrame = false;
        bytes = 0;
        units = 0;
        clear();
    }

    @Override
    public long droppedFrames() {
        return dropped;
    }

    @Override
    public void reset() {
        clearFrame();
        started = false;
        dropping = false;
        droppingTimestamp = -1;
    }
}
