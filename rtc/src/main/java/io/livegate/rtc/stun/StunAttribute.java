package io.livegate.rtc.stun;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;

/** One STUN attribute (RFC 8489 §14, RFC 8445 §16.1). Unknown types stay {@link Raw}. */
public sealed interface StunAttribute {
    int USERNAME = 0x0006;
    int MESSAGE_INTEGRITY = 0x0008;
    int ERROR_CODE = 0x0009;
    int XOR_MAPPED_ADDRESS = 0x0020;
    int PRIORITY = 0x0024;
    int USE_CANDIDATE = 0x0025;
    int SOFTWARE = 0x8022;
    int FINGERPRINT = 0x8028;
    int ICE_CONTROLLED = 0x8029;
    int ICE_CONTROLLING = 0x802A;

    /** The attribute type on the wire. */
    int type();

    /** Types below 0x8000 must be understood by the receiver (RFC 8489 §14). */
    static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /** USERNAME: for ICE, {@code "<receiver ufrag>:<sender ufrag>"}. At most 512 bytes of UTF-8. */
    record Username(String value) implements StunAttribute {
        public int type() {
            return USERNAME;
        }
    }

    /** MESSAGE-INTEGRITY as read; the writer computes it, so callers never construct one. */
    record MessageIntegrity(byte[] hmac) implements StunAttribute {
        public int type() {
            return MESSAGE_INTEGRITY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageIntegrity m && Arrays.equals(hmac, m.hmac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hmac);
        }

        @Override
        public String toString() {
            return "MessageIntegrity[" + HexFormat.of().formatHex(hmac) + "]";
        }
    }

    /** FINGERPRINT as read (already checked by the parser). */
    record Fingerprint(int crc) implements StunAttribute {
        public int type() {
            return FINGERPRINT;
        }
    }

    /** ERROR-CODE: code 300..699 and a UTF-8 reason phrase. */
    record ErrorCode(int code, String reason) implements StunAttribute {
        public static final int BAD_REQUEST = 400;
        public static final int UNAUTHORIZED = 401;
        public static final int UNKNOWN_ATTRIBUTE = 420;
        public static final int ROLE_CONFLICT = 487;

        public ErrorCode {
            if (code < 300 || code > 699) {
                throw new IllegalArgumentException("STUN error code out of range: " + code);
            }
        }

        public int type() {
            return ERROR_CODE;
        }
    }

    /** XOR-MAPPED-ADDRESS: the source address the request came from. */
    record XorMappedAddress(InetSocketAddress address) implements StunAttribute {
        public int type() {
            return XOR_MAPPED_ADDRESS;
        }
    }

    /** PRIORITY (RFC 8445 §7.1.1): the priority a peer-reflexive candidate would get; unsigned 32 bits. */
    record Priority(long value) implements StunAttribute {
        public Priority {
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("PRIORITY out of range: " + value);
            }
        }

        public int type() {
            return PRIORITY;
        }
    }

    /** USE-CANDIDATE: the controlling agent nominates this pair. Empty value. */
    record UseCandidate() implements StunAttribute {
        public int type() {
            return USE_CANDIDATE;
        }
    }

    /** ICE-CONTROLLED with the sender's 64-bit tiebreaker. */
    record IceControlled(long tieBreaker) implements StunAttribute {
        public int type() {
            return ICE_CONTROLLED;
        }
    }

    /** ICE-CONTROLLING with the sender's 64-bit tiebreaker. */
    record IceControlling(long tieBreaker) implements StunAttribute {
        public int type() {
            return ICE_CONTROLLING;
        }
    }

    /** SOFTWARE: a free-form description of the sender. */
    record Software(String value) implements StunAttribute {
        public int type() {
            return SOFTWARE;
        }
    }

    /** Any attribute this codec does not model, value kept as read (without padding). */
    record Raw(int type, byte[] value) implements StunAttribute {
        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && r.type == type && Arrays.equals(value, r.value);
        }

        @Override
        public int hashCode() {
            return type * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Raw[type=0x" + Integer.toHexString(type) + ", value=" + HexFormat.of().formatHex(value) + "]";
        }
    }
}
