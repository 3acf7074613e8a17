package io.livegate.rtc.rtp;

import java.nio.charset.StandardCharsets;

/**
 * Writes the RTP headers of one outgoing stream (one viewer's track in WHEP): its SSRC and payload type, a
 * running sequence number, the frame timestamp plus a fixed offset, and the negotiated one-byte header
 * extensions (RFC 8285): mid (RFC 8843), transport-wide sequence number, abs-send-time. Writes straight
 * into the send buffer, so a packet costs no allocation. One thread.
 */
public final class RtpStreamWriter {

    /**
     * Extension ids agreed in SDP, 1-14, or 0 when not negotiated.
     *
     * @param mid the mid value to send (null when {@code midId} is 0)
     */
    public record ExtensionIds(int midId, String mid, int transportCcId, int absSendTimeId) {
        public ExtensionIds {
            for (int id : new int[] {midId, transportCcId, absSendTimeId}) {
                if (id < 0 || id > 14) {
                    throw new IllegalArgumentException("one-byte extension id " + id + " not in 1..14 (0 = off)");
                }
            }
            if (midId != 0 && (mid == null || mid.isEmpty() || mid.getBytes(StandardCharsets.US_ASCII).length > 16)) {
                throw new IllegalArgumentException("mid must be 1-16 bytes, was " + mid);
            }
        }

        public static final ExtensionIds NONE = new ExtensionIds(0, null, 0, 0);
    }

    private final int ssrc;
    private final int payloadType;
    private final long timestampOffset;
    private final byte[] midBytes;
    private final ExtensionIds ids;
    private final int extensionLength;
    private int sequenceNumber;

    /**
     * @param firstSequenceNumber random per RFC 3550 5.1
     * @param timestampOffset     added to frame timestamps (random start per RFC 3550 5.1, or a rebase)
     */
    public RtpStreamWriter(int ssrc, int payloadType, int firstSequenceNumber, long timestampOffset, ExtensionIds ids) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType);
        }
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.sequenceNumber = firstSequenceNumber & 0xFFFF;
        this.timestampOffset = timestampOffset;
        this.ids = ids;
        this.midBytes = ids.midId() == 0 ? new byte[0] : ids.mid().getBytes(StandardCharsets.US_ASCII);
        int body = (ids.midId() == 0 ? 0 : 1 + midBytes.length) + (ids.transportCcId() == 0 ? 0 : 3)
                + (ids.absSendTimeId() == 0 ? 0 : 4);
        this.extensionLength = body == 0 ? 0 : 4 + ((body + 3) & ~3);
    }

    /** Header bytes this writer puts before each payload. */
    public int headerLength() {
        return RtpHeader.FIXED_LENGTH + extensionLength;
    }

    /** The sequence number the next packet gets. */
    public int nextSequenceNumber() {
        return sequenceNumber;
    }

    /**
     * Writes one packet at {@code out[off]}: header, extensions, payload. The caller leaves room after it for
     * the SRTP tag.
     *
     * @param timestamp      the frame's timestamp in the track clock (the offset is added, then cut to 32 bits)
     * @param transportSeq   transport-wide sequence number, used when negotiated
     * @param nowMicros      send time for abs-send-time, used when negotiated
     * @return bytes written
     */
    public int write(byte[] payload, int payloadOffset, int payloadLength, boolean marker, long timestamp,
                     int transportSeq, long nowMicros, byte[] out, int off) {
        int seq = sequenceNumber;
        sequenceNumber = (seq + 1) & 0xFFFF;
        return writeAt(seq, payload, payloadOffset, payloadLength, marker, timestamp, transportSeq, nowMicros, out, off);
    }

    /**
     * Writes a retransmission of a packet already sent with {@code sequenceNumber} (a NACK answer without
     * RTX, from a {@link PacketHistory} entry); does not advance the sequence. Use a new transport-wide
     * sequence number.
     */
    public int rewrite(PacketHistory.Entry e, int transportSeq, long nowMicros, byte[] out, int off) {
        return writeAt(e.sequenceNumber(), e.payload(), 0, e.payload().length, e.marker(), e.timestamp(), transportSeq,
                nowMicros, out, off);
    }

    private int writeAt(int seq, byte[] payload, int payloadOffset, int payloadLength, boolean marker, long timestamp,
                        int transportSeq, long nowMicros, byte[] out, int off) {
        out[off] = (byte) (extensionLength == 0 ? 0x80 : 0x90);
        out[off + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        out[off + 2] = (byte) (seq >>> 8);
        out[off + 3] = (byte) seq;
        RtpHeader.putInt(out, off + 4, (int) (timestamp + timestampOffset));
        RtpHeader.putInt(out, off + 8, ssrc);
        int p = off + RtpHeader.FIXED_LENGTH;
        if (extensionLength > 0) {
            int end = p + extensionLength;
            out[p] = (byte) 0xBE;
            out[p + 1] = (byte) 0xDE;
            out[p + 2] = 0;
            out[p + 3] = (byte) ((extensionLength - 4) / 4);
            p += 4;
            if (ids.midId() != 0) {
                out[p++] = (byte) ((ids.midId() << 4) | (midBytes.length - 1));
                System.arraycopy(midBytes, 0, out, p, midBytes.length);
                p += midBytes.length;
            }
            if (ids.transportCcId() != 0) {
                out[p++] = (byte) ((ids.transportCcId() << 4) | 1);
                out[p++] = (byte) (transportSeq >>> 8);
                out[p++] = (byte) transportSeq;
            }
            if (ids.absSendTimeId() != 0) {
                long ast = ((nowMicros << 18) / 1_000_000L) & 0xFFFFFF; // 6.18 fixed-point seconds
                out[p++] = (byte) ((ids.absSendTimeId() << 4) | 2);
                out[p++] = (byte) (ast >>> 16);
                out[p++] = (byte) (ast >>> 8);
                out[p++] = (byte) ast;
            }
            while (p < end) {
                out[p++] = 0;
            }
        }
        System.arraycopy(payload, payloadOffset, out, p, payloadLength);
        return p + payloadLength - off;
    }
}
