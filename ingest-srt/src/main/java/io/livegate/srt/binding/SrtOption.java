package io.livegate.srt.binding;

/** {@code SRT_SOCKOPT} values (libsrt 1.5.1 {@code srt.h}) that this project sets or reads. */
public final class SrtOption {
    private SrtOption() {
    }

    public static final int RCVSYN = 2;
    public static final int SNDSYN = 1;
    public static final int RCVBUF = 6;
    public static final int UDP_RCVBUF = 9;
    public static final int STATE = 17;
    public static final int TSBPDMODE = 22;
    public static final int LATENCY = 23;
    public static final int PASSPHRASE = 26;
    public static final int PBKEYLEN = 27;
    public static final int KMSTATE = 28;
    public static final int CONNTIMEO = 36;
    public static final int RCVKMSTATE = 41;
    public static final int RCVLATENCY = 43;
    public static final int PEERLATENCY = 44;
    public static final int STREAMID = 46;
    public static final int PAYLOADSIZE = 49;
    public static final int TRANSTYPE = 50;
    public static final int ENFORCEDENCRYPTION = 53;
    public static final int IPV6ONLY = 54;
    public static final int PEERIDLETIMEO = 55;

    /** {@code SRTT_LIVE} for {@link #TRANSTYPE}. */
    public static final int TRANSTYPE_LIVE = 0;

    /** Longest stream id libsrt carries ({@code MAX_SID_LENGTH}). */
    public static final int MAX_STREAMID_LENGTH = 512;
    /** Longest passphrase libsrt accepts; the shortest is 10. */
    public static final int MAX_PASSPHRASE_LENGTH = 79;
    public static final int MIN_PASSPHRASE_LENGTH = 10;
}
