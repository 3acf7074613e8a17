package io.livegate.srt.binding;

/** {@code SRT_EPOLL_OPT} event bits and {@code SRT_EPOLL_FLAGS}. */
public final class SrtEpoll {
    private SrtEpoll() {
    }

    public static final int IN = 0x1;
    public static final int OUT = 0x4;
    public static final int ERR = 0x8;
    public static final int UPDATE = 0x10;
    public static final int ET = 1 << 31;

    /** Lets {@code srt_epoll_uwait} wait on an empty set instead of failing. */
    public static final int ENABLE_EMPTY = 1;

    /** Size of {@code SRT_EPOLL_EVENT} ({@code int fd; int events;}). */
    public static final int EVENT_SIZE = 8;
}
