package io.livegate.rtc.transport;

/** RFC 7983 §7: what a datagram on the shared port is, judged by its first byte. */
enum PacketKind {
    STUN,
    DTLS,
    RTP,
    UNKNOWN;

    static PacketKind of(int firstByte) {
        if (firstByte <= 3) {
            return STUN;
        }
        if (firstByte >= 20 && firstByte <= 63) {
            return DTLS;
        }
        if (firstByte >= 128 && firstByte <= 191) {
            return RTP;
        }
        // 16-19 ZRTP, 64-79 TURN channels: not used by WebRTC without TURN
        return UNKNOWN;
    }
}
