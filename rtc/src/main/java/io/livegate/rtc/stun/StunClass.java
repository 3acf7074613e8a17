package io.livegate.rtc.stun;

/** The two class bits of a STUN message type (RFC 8489 §5). */
public enum StunClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    int bits() {
        return bits;
    }

    static StunClass of(int bits) {
        return values()[bits & 0b11];
    }
}
