package io.livegate.rtc.dtls;

/** Which side of the DTLS handshake we play (RFC 8842 §5: a=setup). */
public enum DtlsRole {
    /** Sends ClientHello; our SDP says {@code a=setup:active}. */
    CLIENT,
    /** Waits for ClientHello; our SDP says {@code a=setup:passive}. */
    SERVER;

    /** Our {@code a=setup} value. */
    public String sdpSetup() {
        return this == CLIENT ? "active" : "passive";
    }
}
