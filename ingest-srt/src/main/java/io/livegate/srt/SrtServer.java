package io.livegate.srt;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.livegate.router.PublishRejectedException;
import io.livegate.router.PublishRequest;
import io.livegate.router.PublisherControl;
import io.livegate.router.StreamRegistry;
import io.livegate.srt.binding.LogLimiter;
import io.livegate.srt.binding.SockAddr;
import io.livegate.srt.binding.Srt;
import io.livegate.srt.binding.SrtEpoll;
import io.livegate.srt.binding.SrtException;
import io.livegate.srt.binding.SrtLibrary;
import io.livegate.srt.binding.SrtOption;
import io.livegate.srt.binding.SrtReject;
import io.livegate.srt.binding.SrtSocketState;
import io.livegate.srt.mpegts.TsDemuxer;
import io.livegate.srt.mpegts.TsException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SRT listener. One I/O thread of its own waits on {@code srt_epoll_uwait}, accepts callers, reads their
 * messages and runs the MPEG-TS demuxer and the router writes; libsrt's threads only run the listen callback
 * (admission by stream id, per-path passphrase), which never writes to the router. A failing session is
 * logged once and closed; the others go on.
 */
public final class SrtServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SrtServer.class);
    /** Live-mode messages are at most 1456 bytes (SRT_LIVE_MAX_PLSIZE); the rest is headroom. */
    private static final int MESSAGE_BUFFER = 1500;
    private static final int EVENT_CAPACITY = 64;
    private static final long WAIT_MS = 100;
    private static final long HOUSEKEEPING_NANOS = 1_000_000_000L;
    private static final int BACKLOG = 64;
    /** SRT_KM_S_SECURED. */
    private static final int KM_SECURED = 2;

    private final SrtConfig config;
    private final StreamRegistry registry;
    private final Set<String> activePaths = ConcurrentHashMap.newKeySet();
    private final Map<Integer, SrtSession> sessions = new HashMap<>();
    private final List<SrtSession> sessionView = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final SrtAdmission admission;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refusedAfterAccept = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final Map<Integer, LongAdder> rejectsByCode = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> endsByReason = new ConcurrentHashMap<>();
    private final LogLimiter rejectLog = new LogLimiter(20, 10_000_000_000L);
    // Held strongly: libsrt keeps the function pointer while the listener lives.
    private final SrtLibrary.ListenCallback listenCallback = this::onListen;
    private Srt srt;
    private int listener = -1;
    private int eid = -1;
    private int boundPort;
    private Thread thread;
    private volatile boolean running;

    public SrtServer(SrtConfig config, StreamRegistry registry) {
        this(config, registry, SrtAccessHook.ALLOW_ALL);
    }

    /**
     * @param accessHook consulted in the handshake for each caller (per-stream passphrase, unknown-stream
     *                   rejection); the router's {@link io.livegate.router.PublishHook} still runs after accept
     */
    public SrtServer(SrtConfig config, StreamRegistry registry, SrtAccessHook accessHook) {
        this.config = config;
        this.registry = registry;
        this.admission = new SrtAdmission(config, registry, activePaths, sessionView::size, accessHook);
        // libsrt's receiver thread stays attached to the JVM (no attach per handshake), as a named daemon.
        Native.setCallbackThreadInitializer(listenCallback, new CallbackThreadInitializer(true, false, "srt-listen"));
    }

    /**
     * Binds the UDP port and starts the I/O thread.
     *
     * @throws SrtException when libsrt is missing (with an install hint) or the port cannot be bound
     */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("SRT server already started");
        }
        srt = Srt.load();
        srt.startup();
        try {
            InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(config.bindHost()), config.port());
            listener = srt.createSocket();
            if (bind.getAddress() instanceof java.net.Inet6Address && bind.getAddress().isAnyLocalAddress()) {
                srt.setBool(listener, SrtOption.IPV6ONLY, false); // "::" serves IPv4 callers too; libsrt wants it said
            }
            srt.setBool(listener, SrtOption.RCVSYN, false);
            srt.setInt(listener, SrtOption.TRANSTYPE, SrtOption.TRANSTYPE_LIVE);
            srt.setInt(listener, SrtOption.LATENCY, (int) config.latency().toMillis());
            srt.setInt(listener, SrtOption.PEERIDLETIMEO, (int) config.limits().peerIdleTimeout().toMillis());
            if (config.limits().receiveBufferBytes() > 0) {
                srt.setInt(listener, SrtOption.RCVBUF, config.limits().receiveBufferBytes());
            }
            srt.bind(listener, bind);
            boundPort = localPort(listener, config.port());
            check(srt.raw().srt_listen_callback(listener, listenCallback, null), "srt_listen_callback");
            srt.listen(listener, BACKLOG);
            eid = srt.epollCreate();
            srt.epollAdd(eid, listener, SrtEpoll.IN | SrtEpoll.ERR);
        } catch (UnknownHostException e) {
            abortStart();
            throw new IllegalArgumentException("SRT bind host '" + config.bindHost() + "' is not an address", e);
        } catch (RuntimeException e) {
            abortStart();
            throw e;
        }
        running = true;
        thread = new Thread(this::run, "srt-io-" + boundPort);
        thread.setDaemon(true);
        thread.start();
        LOG.info("srt listening host={} port={} latency_ms={} libsrt={} passphrase={} path_passphrases={}",
                config.bindHost(), boundPort, config.latency().toMillis(), srt.version(),
                config.passphrase() != null, config.pathPassphrases().size());
    }

    /** The bound UDP port (the real one when the config asked for 0). */
    public int port() {
        return boundPort;
    }

    /** A snapshot of the current connections. */
    public List<SrtSessionInfo> sessions() {
        List<SrtSessionInfo> out = new ArrayList<>();
        for (SrtSession s : sessionView) {
            out.add(s.info());
        }
        return out;
    }

    /** Totals since start, for metrics. */
    public SrtCounters counters() {
        Map<Integer, Long> rejects = new HashMap<>();
        rejectsByCode.forEach((k, v) -> rejects.put(k, v.sum()));
        Map<String, Long> ends = new HashMap<>();
        endsByReason.forEach((k, v) -> ends.put(k, v.sum()));
        return new SrtCounters(accepted.sum(), rejects, refusedAfterAccept.sum(), ends, bytesIn.sum());
    }

    /** Closes every connection and the listener, and joins the I/O thread. Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
            if (t == null || !running) {
                return;
            }
            running = false;
        }
        try {
            t.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("srt I/O thread did not stop within 5 s");
        }
    }

    private void abortStart() {
        if (listener >= 0) {
            srt.close(listener);
            listener = -1;
        }
        if (eid >= 0) {
            srt.epollRelease(eid);
            eid = -1;
        }
        srt.cleanup();
    }

    private int localPort(int sock, int fallback) {
        byte[] sa = new byte[SockAddr.MAX_SIZE];
        com.sun.jna.ptr.IntByReference len = new com.sun.jna.ptr.IntByReference(sa.length);
        if (srt.raw().srt_getsockname(sock, sa, len) != 0) {
            return fallback;
        }
        InetSocketAddress a = SockAddr.decode(sa, len.getValue());
        return a == null ? fallback : a.getPort();
    }

    private void check(int rc, String what) {
        if (rc != 0) {
            throw new SrtException(SrtException.Reason.CALL_FAILED, rc, what + " failed: "
                    + srt.raw().srt_getlasterror_str());
        }
    }

    // ---- libsrt thread ----

    private int onListen(Pointer opaque, int ns, int hsVersion, Pointer peerAddr, Pointer streamIdPtr) {
        String peer = "?";
        try {
            InetSocketAddress p = SockAddr.decode(peerAddr);
            peer = p == null ? "?" : p.getAddress().getHostAddress() + ":" + p.getPort();
            String raw = streamIdPtr == null ? "" : streamIdPtr.getString(0, "UTF-8");
            if (!running) {
                srt.setRejectReason(ns, SrtReject.ISE);
                return -1;
            }
            SrtAdmission.Decision d = admission.decide(raw, peer);
            switch (d) {
                case SrtAdmission.Decision.Reject r -> {
                    rejectsByCode.computeIfAbsent(r.code(), k -> new LongAdder()).increment();
                    long suppressed = rejectLog.admit(System.nanoTime());
                    if (suppressed >= 0) {
                        LOG.info("srt reject peer={} streamid='{}' code={} reason={}{}", peer, printable(raw),
                                r.code(), r.message(), suppressed > 0 ? " (" + suppressed + " more not logged)" : "");
                    }
                    srt.setRejectReason(ns, r.code());
                    return -1;
                }
                case SrtAdmission.Decision.Accept a -> {
                    if (a.passphrase() != null) {
                        srt.setPassphrase(ns, a.passphrase());
                    }
                    return 0;
                }
            }
        } catch (Throwable t) { // never unwind into libsrt
            LOG.warn("srt reject peer={} internal error in listen callback", peer, t);
            rejectsByCode.computeIfAbsent(SrtReject.ISE, k -> new LongAdder()).increment();
            try {
                srt.setRejectReason(ns, SrtReject.ISE);
            } catch (Throwable ignored) {
                // nothing more to do
            }
            return -1;
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 128));
        for (int i = 0; i < s.length() && i < 128; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    // ---- I/O thread ----

    private void run() {
        Memory events = new Memory((long) EVENT_CAPACITY * SrtEpoll.EVENT_SIZE);
        Memory message = new Memory(MESSAGE_BUFFER);
        byte[] bytes = new byte[MESSAGE_BUFFER];
        long nextHousekeeping = System.nanoTime() + HOUSEKEEPING_NANOS;
        try {
            while (running) {
                Runnable c;
                while ((c = commands.poll()) != null) {
                    c.run();
                }
                int n;
                try {
                    n = srt.epollWait(eid, events, EVENT_CAPACITY, WAIT_MS);
                } catch (SrtException e) {
                    LOG.warn("srt epoll wait failed: {}", e.getMessage());
                    n = 0;
                    Thread.sleep(WAIT_MS);
                }
                for (int i = 0; i < n; i++) {
                    int fd = events.getInt((long) i * SrtEpoll.EVENT_SIZE);
                    int ev = events.getInt((long) i * SrtEpoll.EVENT_SIZE + 4);
                    if (fd == listener) {
                        acceptOne();
                    } else {
                        SrtSession s = sessions.get(fd);
                        if (s != null) {
                            if ((ev & SrtEpoll.IN) != 0) {
                                read(s, message, bytes);
                            }
                            if (!s.closed && (ev & SrtEpoll.ERR) != 0) {
                                end(s, "peer", "connection broken");
                            }
                        } else {
                            srt.epollRemove(eid, fd);
                        }
                    }
                }
                long now = System.nanoTime();
                if (now - nextHousekeeping >= 0) {
                    nextHousekeeping = now + HOUSEKEEPING_NANOS;
                    housekeeping(now);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            LOG.error("srt I/O thread failed; closing all SRT sessions", t);
        } finally {
            shutdown();
        }
    }

    /**
     * Accepts one pending caller. One per event: the epoll is level-triggered and reports the listener again while
     * callers wait, and libsrt logs an error for every accept that finds none.
     */
    private void acceptOne() {
        Srt.Accepted a;
        try {
            a = srt.accept(listener);
        } catch (SrtException e) {
            LOG.warn("srt accept failed: {}", e.getMessage());
            return;
        }
        if (a == null) {
            return;
        }
        String remote = a.peer() == null ? "?" : a.peer().getAddress().getHostAddress() + ":" + a.peer().getPort();
        try {
            open(a.socket(), remote);
        } catch (RuntimeException e) {
            LOG.warn("srt session setup failed peer={}: {}", remote, e.toString());
            refusedAfterAccept.increment();
            srt.close(a.socket());
        }
    }

    private void open(int sock, String remote) {
        String raw = srt.getString(sock, SrtOption.STREAMID, SrtOption.MAX_STREAMID_LENGTH);
        StreamId id;
        try {
            id = StreamId.parse(raw, config.limits().maxStreamIdFields());
        } catch (StreamIdException e) {
            LOG.warn("srt session refused peer={} reason={}", remote, e.getMessage()); // the callback let it pass?
            refusedAfterAccept.increment();
            srt.close(sock);
            return;
        }
        if (sessionView.size() >= config.maxSessions()) {
            LOG.info("srt session refused peer={} path={} reason=server full ({} sessions)", remote, id.resource(),
                    config.maxSessions());
            refusedAfterAccept.increment();
            srt.close(sock);
            return;
        }
        srt.setBool(sock, SrtOption.RCVSYN, false);
        int latency = safeInt(sock, SrtOption.RCVLATENCY);
        boolean encrypted = safeInt(sock, SrtOption.RCVKMSTATE) == KM_SECURED;
        SrtSession s = new SrtSession(sock, remote, id, latency, encrypted);
        PublisherControl control = reason -> commands.add(() -> {
            if (!s.closed) {
                end(s, "router", "disconnected by router: " + reason);
            }
        });
        try {
            s.publisher = registry.publish(new PublishRequest(id.resource(), "srt", remote, id.fields()), control);
        } catch (PublishRejectedException e) {
            LOG.info("srt session refused peer={} path={} reason={} ({})", remote, id.resource(), e.reason(),
                    e.getMessage());
            refusedAfterAccept.increment();
            srt.close(sock);
            return;
        }
        s.media = new SrtPublisher(s.publisher, s.label());
        s.demuxer = new TsDemuxer(config.limits().ts(), s.media);
        sessions.put(sock, s);
        sessionView.add(s);
        accepted.increment();
        activePaths.add(id.resource());
        try {
            srt.epollAdd(eid, sock, SrtEpoll.IN | SrtEpoll.ERR);
        } catch (SrtException e) {
            end(s, "internal", "epoll add failed: " + e.getMessage());
            return;
        }
        LOG.info("srt session start peer={} path={} streamid='{}' latency_ms={} encrypted={}", remote,
                s.publisher.path(), printable(id.redacted()), latency, encrypted);
    }

    private int safeInt(int sock, int option) {
        try {
            return srt.getInt(sock, option);
        } catch (SrtException e) {
            return -1;
        }
    }

    private void read(SrtSession s, Memory message, byte[] bytes) {
        int max = config.limits().maxMessagesPerWakeup();
        for (int i = 0; i < max && !s.closed; i++) {
            int n;
            try {
                n = srt.recv(s.socket, message, MESSAGE_BUFFER);
            } catch (SrtException e) {
                end(s, "peer", "closed by peer (" + e.getMessage() + ")");
                return;
            }
            if (n < 0) {
                return;
            }
            if (n == 0) {
                continue;
            }
            message.read(0, bytes, 0, n);
            s.bytesIn += n;
            bytesIn.add(n);
            s.lastDataNanos = System.nanoTime();
            try {
                s.demuxer.feed(bytes, 0, n);
            } catch (TsException e) {
                end(s, e.reason().name(), "bad MPEG-TS: " + e.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.warn("srt session error {}", s.label(), e);
                end(s, "internal", "internal error: " + e);
                return;
            }
        }
    }

    private void housekeeping(long now) {
        long idleNanos = config.idleTimeout().toNanos();
        for (SrtSession s : List.copyOf(sessions.values())) {
            try {
                s.stats = srt.stats(s.socket);
            } catch (SrtException e) {
                // the socket broke between events; the state check below ends it
            }
            s.continuityErrors = s.demuxer.counters().continuityErrors();
            s.framesIn = s.media.framesIn();
            SrtSocketState st = srt.state(s.socket);
            if (st.isGone()) {
                end(s, "peer", "connection " + st.name().toLowerCase());
            } else if (now - s.lastDataNanos > idleNanos) {
                end(s, "idle", "no data for " + config.idleTimeout().toSeconds() + " s");
            }
        }
    }

    private void end(SrtSession s, String kind, String reason) {
        if (s.closed) {
            return;
        }
        s.closed = true;
        endsByReason.computeIfAbsent(kind, k -> new LongAdder()).increment();
        try {
            s.stats = srt.stats(s.socket);
        } catch (SrtException e) {
            // already gone: keep the last figures
        }
        srt.epollRemove(eid, s.socket);
        srt.close(s.socket);
        sessions.remove(s.socket);
        sessionView.remove(s);
        activePaths.remove(s.streamId.resource());
        if (s.publisher != null) {
            s.publisher.close();
        }
        var c = s.demuxer == null ? null : s.demuxer.counters();
        LOG.info("srt session end peer={} path={} reason={} duration_s={} bytes_in={} frames_in={} lost={} "
                        + "retransmitted={} dropped={} cc_errors={} rtt_ms={}", s.remote, s.streamId.resource(),
                reason, (System.nanoTime() - s.startedNanos) / 1_000_000_000L, s.bytesIn,
                s.media == null ? 0 : s.media.framesIn(), s.stats.packetsLost(), s.stats.packetsRetransmitted(),
                s.stats.packetsDropped(), c == null ? 0 : c.continuityErrors(), s.stats.rttMs());
    }

    private void shutdown() {
        for (SrtSession s : List.copyOf(sessions.values())) {
            end(s, "shutdown", "server stopping");
        }
        if (listener >= 0) {
            srt.epollRemove(eid, listener);
            srt.close(listener);
            listener = -1;
        }
        if (eid >= 0) {
            srt.epollRelease(eid);
            eid = -1;
        }
        srt.cleanup();
        LOG.info("srt stopped port={}", boundPort);
    }
}
