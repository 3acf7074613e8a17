package io.livegate.rtc.rtcp;

/** One RTCP packet of a compound datagram. Unknown types are {@link RawPacket}s, never failures. */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Goodbye,
        TransportLayerNack, PictureLossIndication, FullIntraRequest, ReceiverEstimatedMaximumBitrate,
        TransportWideCcFeedback, RawPacket {

    int TYPE_SR = 200;
    int TYPE_RR = 201;
    int TYPE_SDES = 202;
    int TYPE_BYE = 203;
    int TYPE_APP = 204;
    int TYPE_RTPFB = 205;
    int TYPE_PSFB = 206;
    int TYPE_XR = 207;

    /** Bytes {@link #writeTo} writes, a multiple of 4 including the 4-byte header. */
    int encodedLength();

    /** Writes the packet at {@code off}; returns {@link #encodedLength()}. */
    int writeTo(byte[] b, int off);

    default byte[] toBytes() {
        byte[] b = new byte[encodedLength()];
        writeTo(b, 0);
        return b;
    }
}
