package io.livegate.srt.binding;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The libsrt 1.5 C functions this binding calls, mapped one to one ({@code SRTSOCKET} is an {@code int}).
 * Obtain an instance through {@link Srt#load()}.
 */
public interface SrtLibrary extends Library {

    int srt_startup();

    int srt_cleanup();

    int srt_getversion();

    int srt_create_socket();

    int srt_bind(int u, byte[] name, int namelen);

    int srt_listen(int u, int backlog);

    int srt_accept(int u, byte[] addr, IntByReference addrlen);

    int srt_close(int u);

    int srt_getsockstate(int u);

    int srt_getpeername(int u, byte[] name, IntByReference namelen);

    int srt_getsockname(int u, byte[] name, IntByReference namelen);

    int srt_setsockflag(int u, int opt, Pointer optval, int optlen);

    int srt_setsockflag(int u, int opt, byte[] optval, int optlen);

    int srt_getsockflag(int u, int opt, Pointer optval, IntByReference optlen);

    int srt_listen_callback(int lsn, ListenCallback hook, Pointer opaque);

    int srt_epoll_create();

    int srt_epoll_add_usock(int eid, int u, IntByReference events);

    int srt_epoll_remove_usock(int eid, int u);

    int srt_epoll_uwait(int eid, Pointer fdsSet, int fdsSize, long msTimeOut);

    int srt_epoll_set(int eid, int flags);

    int srt_epoll_release(int eid);

    int srt_recvmsg2(int u, Pointer buf, int len, Pointer mctrl);

    int srt_bstats(int u, Pointer perf, int clear);

    int srt_getlasterror(IntByReference errnoLoc);

    String srt_getlasterror_str();

    void srt_clearlasterror();

    String srt_strerror(int code, int errnoval);

    int srt_getrejectreason(int sock);

    int srt_setrejectreason(int sock, int value);

    String srt_rejectreason_str(int id);

    void srt_setloglevel(int ll);

    void srt_setloghandler(Pointer opaque, LogHandler handler);

    /**
     * {@code srt_listen_callback_fn}: called on a libsrt thread for each caller handshake, before the new socket
     * is accepted. Return 0 to go on, -1 to reject (after {@code srt_setrejectreason}).
     */
    interface ListenCallback extends Callback {
        int invoke(Pointer opaque, int ns, int hsVersion, Pointer peerAddr, Pointer streamId);
    }

    /** {@code SRT_LOG_HANDLER_FN}: one libsrt log line, on whatever thread logged it. */
    interface LogHandler extends Callback {
        void invoke(Pointer opaque, int level, Pointer file, int line, Pointer area, Pointer message);
    }
}
