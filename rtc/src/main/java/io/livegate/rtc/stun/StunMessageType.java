package io.livegate.rtc.stun;

/**
 * A STUN message type: 12-bit method and 2-bit class, interleaved on the wire (RFC 8489 §5).
 *
 * @param method the method (Binding is 0x001)
 * @param cls    the class
 */
public record StunMessageType(int method, StunClass cls) {
    public static final int METHOD_BINDING = 0x001;

    public static final StunMessageType BINDING_REQUEST = new StunMessageType(METHOD_BINDING, StunClass.REQUEST);
    public static final StunMessageType BINDING_INDICATION = new StunMessageType(METHOD_BINDING, StunClass.INDICATION);
    public static final StunMessageType BINDING_SUCCESS = new StunMessageType(METHOD_BINDING, StunClass.SUCCESS_RESPONSE);
    public static final StunMessageType BINDING_ERROR = new StunMessageType(METHOD_BINDING, StunClass.ERROR_RESPONSE);

    public StunMessageType {
        if (method < 0 || method > 0xFFF) {
            throw new IllegalArgumentException("STUN method out of range: " + method);
        }
    }

    /** Decodes the 14-bit wire value (the two top bits of the first byte are already known to be 0). */
    static StunMessageType decode(int t) {
        int method = (t & 0x000F) | ((t & 0x00E0) >> 1) | ((t & 0x3E00) >> 2);
        int c = ((t >> 7) & 0b10) | ((t >> 4) & 0b01);
        return new StunMessageType(method, StunClass.of(c));
    }

    int encode() {
        int m = method;
        int c = cls.bits();
        return (m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 0b01) << 4) | ((c & 0b10) << 7);
    }
}
