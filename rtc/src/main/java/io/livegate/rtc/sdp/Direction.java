package io.livegate.rtc.sdp;

import java.util.Locale;

/** Media direction attributes (RFC 8866 6.7, RFC 3264 6.1), from the point of view of the SDP's author. */
public enum Direction implements SdpAttribute {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    @Override
    public String attributeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String attributeValue() {
        return null;
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The direction as the other side sees it (sendonly becomes recvonly). */
    public Direction reverse() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    static Direction of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    /** The direction for this attribute name, or null. */
    public static Direction fromName(String s) {
        return switch (s) {
            case "sendrecv" -> SENDRECV;
            case "sendonly" -> SENDONLY;
            case "recvonly" -> RECVONLY;
            case "inactive" -> INACTIVE;
            default -> null;
        };
    }
}
