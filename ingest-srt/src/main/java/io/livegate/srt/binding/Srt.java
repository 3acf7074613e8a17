package io.livegate.srt.binding;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed access to libsrt: loads the library, turns error returns into {@link SrtException} with the text of
 * {@code srt_getlasterror_str}, and converts options, addresses and statistics. Thread-safe as libsrt is;
 * libsrt keeps the last error per thread, so each call reads its own error.
 */
public final class Srt {

    private static final Logger LOG = LoggerFactory.getLogger(Srt.class);
    /** The OpenSSL flavour's soname (Debian {@code libsrt1.5-openssl}); the fallback name finds a -dev symlink. */
    public static final String SONAME = "libsrt.so.1.5";
    private static final String FALLBACK = "srt";
    /** {@code SRT_EASYNCRCV}: nothing to read on a non-blocking socket. */
    public static final int EASYNCRCV = 6002;
    /** {@code SRT_EASYNCFAIL}: a non-blocking call (accept) would block. */
    public static final int EASYNCFAIL = 6000;
    private static final int SRT_ERROR = -1;
    private static final int SRT_INVALID_SOCK = -1;
    /** syslog LOG_ERR, the level libsrt logs through the handler. */
    private static final int LOG_LEVEL = 3;

    private static volatile Srt instance;
    private static final AtomicBoolean LOG_INSTALLED = new AtomicBoolean();
    /** libsrt logs each failed handshake; a caller retrying in a loop must not flood the log. */
    private static final LogLimiter LOG_LIMIT = new LogLimiter(50, 10_000_000_000L);

    private final SrtLibrary lib;
    // Held strongly: libsrt keeps the raw function pointer for the life of the process.
    private static final SrtLibrary.LogHandler LOG_HANDLER = Srt::logLine;

    private Srt(SrtLibrary lib) {
        this.lib = lib;
    }

    /**
     * Loads libsrt once per process.
     *
     * @throws SrtException with {@link SrtException.Reason#LIBRARY_MISSING} and an install hint when absent
     */
    public static Srt load() {
        Srt s = instance;
        if (s != null) {
            return s;
        }
        synchronized (Srt.class) {
            if (instance == null) {
                instance = new Srt(loadLibrary(SONAME, FALLBACK));
            }
            return instance;
        }
    }

    /** Tries each library name in turn (package-private for the test of the missing-library message). */
    static SrtLibrary loadLibrary(String... names) {
        UnsatisfiedLinkError last = null;
        for (String name : names) {
            try {
                return Native.load(name, SrtLibrary.class);
            } catch (UnsatisfiedLinkError e) {
                if (last != null) {
                    e.addSuppressed(last);
                }
                last = e;
            }
        }
        throw new SrtException(SrtException.Reason.LIBRARY_MISSING, "libsrt 1.5 not found (tried "
                + String.join(", ", names) + "): install it with 'apt-get install libsrt1.5-openssl', or disable SRT",
                last);
    }

    public SrtLibrary raw() {
        return lib;
    }

    /** "1.5.1" from {@code srt_getversion}. */
    public String version() {
        int v = lib.srt_getversion();
        return (v >> 16 & 0xff) + "." + (v >> 8 & 0xff) + "." + (v & 0xff);
    }

    public void startup() {
        check(lib.srt_startup(), "srt_startup");
        if (LOG_INSTALLED.compareAndSet(false, true)) {
            lib.srt_setloglevel(LOG_LEVEL);
            lib.srt_setloghandler(null, LOG_HANDLER);
        }
    }

    public void cleanup() {
        lib.srt_cleanup();
    }

    public int createSocket() {
        int s = lib.srt_create_socket();
        if (s == SRT_INVALID_SOCK) {
            throw failure("srt_create_socket");
        }
        return s;
    }

    public void bind(int sock, InetSocketAddress address) {
        byte[] sa = SockAddr.encode(address);
        check(lib.srt_bind(sock, sa, sa.length), "srt_bind " + address);
    }

    public void listen(int sock, int backlog) {
        check(lib.srt_listen(sock, backlog), "srt_listen");
    }

    /** The accepted socket, or -1 when no connection is pending (non-blocking listener). */
    public Accepted accept(int listener) {
        byte[] sa = new byte[SockAddr.MAX_SIZE];
        IntByReference len = new IntByReference(sa.length);
        int s = lib.srt_accept(listener, sa, len);
        if (s == SRT_INVALID_SOCK) {
            int code = lib.srt_getlasterror(null);
            if (code == EASYNCFAIL || code == EASYNCRCV) {
                return null;
            }
            throw failure("srt_accept");
        }
        return new Accepted(s, SockAddr.decode(sa, len.getValue()));
    }

    /** A socket {@link #accept} returned, with the caller's address (null if libsrt gave none we know). */
    public record Accepted(int socket, InetSocketAddress peer) {
    }

    /** Closes quietly: the socket may already be broken or gone. */
    public void close(int sock) {
        lib.srt_close(sock);
    }

    public SrtSocketState state(int sock) {
        return SrtSocketState.of(lib.srt_getsockstate(sock));
    }

    public void setInt(int sock, int option, int value) {
        Memory m = new Memory(4);
        m.setInt(0, value);
        check(lib.srt_setsockflag(sock, option, m, 4), "srt_setsockflag " + option + "=" + value);
    }

    public void setBool(int sock, int option, boolean value) {
        // libsrt reads booleans as int-sized on Linux builds (srt_setsockflag checks optlen >= sizeof(bool)).
        setInt(sock, option, value ? 1 : 0);
    }

    public void setString(int sock, int option, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        check(lib.srt_setsockflag(sock, option, b, b.length), "srt_setsockflag " + option);
    }

    /** Sets the passphrase, checking libsrt's length rule first (so the message names the rule). */
    public void setPassphrase(int sock, String passphrase) {
        int n = passphrase.getBytes(StandardCharsets.UTF_8).length;
        if (n < SrtOption.MIN_PASSPHRASE_LENGTH || n > SrtOption.MAX_PASSPHRASE_LENGTH) {
            throw new SrtException(SrtException.Reason.BAD_ARGUMENT, 0, "SRT passphrase must be "
                    + SrtOption.MIN_PASSPHRASE_LENGTH + ".." + SrtOption.MAX_PASSPHRASE_LENGTH + " bytes, was " + n);
        }
        setString(sock, SrtOption.PASSPHRASE, passphrase);
    }

    public int getInt(int sock, int option) {
        Memory m = new Memory(8);
        m.clear();
        IntByReference len = new IntByReference(4);
        check(lib.srt_getsockflag(sock, option, m, len), "srt_getsockflag " + option);
        return m.getInt(0);
    }

    public String getString(int sock, int option, int maxBytes) {
        Memory m = new Memory(maxBytes + 1L);
        m.clear();
        IntByReference len = new IntByReference(maxBytes + 1);
        check(lib.srt_getsockflag(sock, option, m, len), "srt_getsockflag " + option);
        int n = Math.max(0, Math.min(len.getValue(), maxBytes));
        return new String(m.getByteArray(0, n), StandardCharsets.UTF_8);
    }

    public int epollCreate() {
        int eid = lib.srt_epoll_create();
        if (eid < 0) {
            throw failure("srt_epoll_create");
        }
        lib.srt_epoll_set(eid, SrtEpoll.ENABLE_EMPTY);
        return eid;
    }

    public void epollAdd(int eid, int sock, int events) {
        check(lib.srt_epoll_add_usock(eid, sock, new IntByReference(events)), "srt_epoll_add_usock");
    }

    public void epollRemove(int eid, int sock) {
        lib.srt_epoll_remove_usock(eid, sock);
    }

    /** Waits for events into {@code events} (an array of {@code SRT_EPOLL_EVENT}); returns their count. */
    public int epollWait(int eid, Memory events, int capacity, long timeoutMs) {
        int n = lib.srt_epoll_uwait(eid, events, capacity, timeoutMs);
        if (n < 0) {
            int code = lib.srt_getlasterror(null);
            if (code == 6003) { // SRT_ETIMEOUT
                return 0;
            }
            throw failure("srt_epoll_uwait");
        }
        return n;
    }

    public void epollRelease(int eid) {
        lib.srt_epoll_release(eid);
    }

    /**
     * Reads one message into {@code buf}.
     *
     * @return its length, or -1 when nothing is ready on a non-blocking socket
     * @throws SrtException when the connection is broken or closed
     */
    public int recv(int sock, Pointer buf, int capacity) {
        int n = lib.srt_recvmsg2(sock, buf, capacity, null);
        if (n == SRT_ERROR) {
            if (lib.srt_getlasterror(null) == EASYNCRCV) {
                return -1;
            }
            throw failure("srt_recvmsg2");
        }
        return n;
    }

    public SrtStats stats(int sock) {
        SrtTraceStats st = new SrtTraceStats();
        check(lib.srt_bstats(sock, st.getPointer(), 0), "srt_bstats");
        st.read();
        return st.toStats();
    }

    public void setRejectReason(int sock, int code) {
        lib.srt_setrejectreason(sock, code);
    }

    public int rejectReason(int sock) {
        return lib.srt_getrejectreason(sock);
    }

    private void check(int rc, String what) {
        if (rc == SRT_ERROR) {
            throw failure(what);
        }
    }

    private SrtException failure(String what) {
        int code = lib.srt_getlasterror(null);
        String text = lib.srt_getlasterror_str();
        lib.srt_clearlasterror();
        return new SrtException(SrtException.Reason.CALL_FAILED, code, what + " failed: " + text + " (" + code + ")");
    }

    private static void logLine(Pointer opaque, int level, Pointer file, int line, Pointer area, Pointer message) {
        try {
            long suppressed = LOG_LIMIT.admit(System.nanoTime());
            if (suppressed < 0) {
                return;
            }
            String text = message == null ? "" : message.getString(0, "UTF-8").strip();
            String more = suppressed > 0 ? " (" + suppressed + " libsrt lines not logged)" : "";
            if (level <= 3) {
                LOG.warn("libsrt: {}{}", text, more);
            } else {
                LOG.debug("libsrt: {}{}", text, more);
            }
        } catch (RuntimeException e) {
            // never let an exception unwind into libsrt's thread
        }
    }
}
