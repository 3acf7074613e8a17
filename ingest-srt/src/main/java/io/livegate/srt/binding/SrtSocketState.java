package io.livegate.srt.binding;

/** {@code SRT_SOCKSTATUS}, as returned by {@code srt_getsockstate}. */
public enum SrtSocketState {
    INIT, OPENED, LISTENING, CONNECTING, CONNECTED, BROKEN, CLOSING, CLOSED, NONEXIST, UNKNOWN;

    public static SrtSocketState of(int code) {
        return code >= 1 && code <= 9 ? values()[code - 1] : UNKNOWN;
    }

    public boolean isGone() {
        return this == BROKEN || this == CLOSING || this == CLOSED || this == NONEXIST;
    }
}
