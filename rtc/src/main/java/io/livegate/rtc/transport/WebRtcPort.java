package io.livegate.rtc.transport;

import io.livegate.rtc.dtls.DtlsCertificate;
import io.livegate.rtc.dtls.DtlsConfig;
import io.livegate.rtc.dtls.DtlsFingerprint;
import io.livegate.rtc.dtls.DtlsRole;
import io.livegate.rtc.ice.IceCandidate;
import io.livegate.rtc.ice.IceCheckResult;
import io.livegate.rtc.ice.IceCredentials;
import io.livegate.rtc.ice.IceLiteAgent;
import io.livegate.rtc.ice.IceTransportProtocol;
import io.livegate.rtc.ice.MonotonicClock;
import io.livegate.rtc.ice.RemoteEndpoint;
import io.livegate.rtc.stun.StunAttribute;
import io.livegate.rtc.stun.StunException;
import io.livegate.rtc.stun.StunLimits;
import io.livegate.rtc.stun.StunMessage;
import io.livegate.rtc.stun.StunMessageType;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one UDP port (and the same TCP port number for ICE-TCP) that every WebRTC session shares.
 *
 * <p>Inbound datagrams are sorted by first byte (RFC 7983). A STUN Binding request finds its
 * session by the local ufrag in USERNAME; once it authenticates, its source address is bound to the
 * session, and DTLS and RTP from that address go there. Anything else is dropped and counted by
 * {@link DropReason}; drops are logged as periodic totals, never per packet. All sockets and all
 * session callbacks share one event loop of {@code group}; DTLS handshakes run on a small bounded
 * executor because BC blocks.
 */
public final class WebRtcPort implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebRtcPort.class);
    /** How often consent and handshake deadlines are checked. */
    private static final long SWEEP_MILLIS = 500;
    /** Drop totals are logged at most this often. */
    private static final long DROP_LOG_NANOS = 60_000_000_000L;
    /** Handshakes waiting for a thread; beyond this a session is closed as OVERLOADED. */
    private static final int DTLS_QUEUE = 1024;
    /** recvmmsg batch: datagrams read per syscall. */
    private static final int RECV_BATCH = 32;

    /** Why an inbound datagram was dropped. */
    public enum DropReason {
        /** First byte outside the STUN, DTLS and RTP ranges of RFC 7983. */
        UNKNOWN_KIND,
        MALFORMED_STUN,
        /** No session for the ufrag or the remote address. */
        NO_SESSION,
        /** A valid STUN message the agent did not answer (indication, too many endpoints). */
        STUN_IGNORED,
        DTLS_QUEUE_FULL,
        /** Media before DTLS finished. */
        NOT_CONNECTED,
        EMPTY,
        /** ICE-TCP connection refused: too many, never authenticated, or a frame over the limit. */
        TCP_REJECTED
    }

    private final WebRtcConfig config;
    private final EventLoopGroup group;
    private final MonotonicClock clock;
    private final DtlsCertificate certificate;
    private final DtlsConfig dtlsConfig;
    private final StunLimits stunLimits;
    private final ThreadPoolExecutor dtlsExecutor;
    private final Map<String, WebRtcTransport> byUfrag = new ConcurrentHashMap<>();
    private final Map<RemoteEndpoint, WebRtcTransport> byEndpoint = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, BatchingWriter> tcpWriters = new ConcurrentHashMap<>();
    private final EnumMap<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);
    private final AtomicInteger tcpConnections = new AtomicInteger();
    private volatile List<IceCandidate> candidates = List.of();
    private volatile EventLoop loop;
    private volatile Channel udp;
    private volatile BatchingWriter udpWriter;
    private volatile Channel tcpServer;
    private volatile ScheduledFuture<?> sweeper;
    private volatile boolean closed;
    private long lastDropLogNanos;
    private long lastDropTotal;

    /**
     * @param group the event loops to run on (epoll when its loops use {@link EpollIoHandler}, else NIO);
     *              the port uses one loop of it
     */
    public WebRtcPort(WebRtcConfig config, EventLoopGroup group) {
        this(config, group, MonotonicClock.SYSTEM);
    }

    /** With an injected clock, for tests of consent and handshake deadlines. */
    WebRtcPort(WebRtcConfig config, EventLoopGroup group, MonotonicClock clock) {
        this.config = config;
        this.group = group;
        this.clock = clock;
        this.certificate = DtlsCertificate.generate();
        this.dtlsConfig = DtlsConfig.DEFAULTS.withHandshakeTimeout(config.dtlsHandshakeTimeout());
        this.stunLimits = new StunLimits(Math.min(config.limits().maxTcpFrameBytes(), 65_535), StunLimits.DEFAULT_MAX_ATTRIBUTES);
        AtomicInteger threadIds = new AtomicInteger();
        this.dtlsExecutor = new ThreadPoolExecutor(config.dtlsThreads(), config.dtlsThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(DTLS_QUEUE), r -> {
                    Thread t = new Thread(r, "livegate-dtls-" + threadIds.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.dtlsExecutor.allowCoreThreadTimeOut(true);
        for (DropReason r : DropReason.values()) {
            drops.put(r, new LongAdder());
        }
    }

    /** Binds UDP (and TCP when ICE-TCP is on) and starts the sweeper. */
    public synchronized void start() throws InterruptedException {
        if (udp != null || closed) {
            throw new IllegalStateException("already started or closed");
        }
        EventLoop l = group.next();
        boolean epoll = Epoll.isAvailable() && l instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class);
        int maxDatagram = config.limits().maxDatagramBytes();
        int attempts = config.port() == 0 ? 5 : 1;
        for (int attempt = 1; ; attempt++) {
            Bootstrap b = new Bootstrap().group(l)
                    .option(ChannelOption.SO_RCVBUF, 4 << 20)
                    .option(ChannelOption.SO_SNDBUF, 4 << 20)
                    .handler(new UdpInboundHandler(this));
            if (epoll) {
                b.channel(EpollDatagramChannel.class)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagram)
                        .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagram * RECV_BATCH));
            } else {
                b.channel(NioDatagramChannel.class)
                        .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagram));
            }
            Channel u = b.bind(config.bindHost(), config.port()).sync().channel();
            int bound = ((InetSocketAddress) u.localAddress()).getPort();
            Channel t = null;
            if (config.iceTcp()) {
                try {
                    t = new ServerBootstrap().group(l, l)
                            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                            .option(ChannelOption.SO_REUSEADDR, true)
                            .childOption(ChannelOption.TCP_NODELAY, true)
                            .childHandler(new IceTcpInitializer(this, config.limits().maxTcpFrameBytes()))
                            .bind(config.bindHost(), bound).sync().channel();
                } catch (Exception e) {
                    u.close().sync();
                    if (attempt < attempts) {
                        continue;
                    }
                    throw new IllegalStateException("cannot bind ICE-TCP on port " + bound + ": " + e.getMessage(), e);
                }
            }
            this.loop = l;
            this.udp = u;
            this.udpWriter = new BatchingWriter(u);
            this.tcpServer = t;
            this.candidates = HostCandidates.of(config, bound);
            this.lastDropLogNanos = clock.nanoTime();
            this.sweeper = l.scheduleAtFixedRate(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
            log.info("webrtc port start bind={} port={} ice_tcp={} transport={} candidates={} fingerprint={}",
                    config.bindHost(), bound, config.iceTcp(), epoll ? "epoll" : "nio", candidates.size(),
                    certificate.fingerprint().toSdpValue());
            return;
        }
    }

    /** The bound port number (UDP, and TCP when on). */
    public int port() {
        Channel u = udp;
        if (u == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) u.localAddress()).getPort();
    }

    /** Our certificate's SHA-256 fingerprint, the same for every session of this port. */
    public DtlsFingerprint fingerprint() {
        return certificate.fingerprint();
    }

    /** Host candidates every session advertises: the public address first, then the configured ones; UDP then TCP. */
    public List<IceCandidate> localCandidates() {
        return candidates;
    }

    /**
     * Creates a session for one offer.
     *
     * @param remoteUfrag       {@code a=ice-ufrag} of the offer
     * @param remotePwd         {@code a=ice-pwd} of the offer
     * @param remoteFingerprint {@code a=fingerprint} value of the offer, e.g. {@code "sha-256 AB:CD:..."}
     * @param localRole         {@link DtlsRole#SERVER} when the offer says {@code a=setup:actpass} or
     *                          {@code active}; {@link DtlsRole#CLIENT} for {@code passive}
     * @throws IllegalArgumentException when the credentials or fingerprint are malformed
     * @throws IllegalStateException    when the port is not running or holds the maximum number of sessions
     */
    public WebRtcTransport newTransport(String remoteUfrag, String remotePwd, String remoteFingerprint,
            DtlsRole localRole, WebRtcTransport.Listener listener) {
        checkCapacity();
        IceCredentials remote = new IceCredentials(remoteUfrag, remotePwd);
        DtlsFingerprint fingerprint = DtlsFingerprint.parse(remoteFingerprint);
        while (true) {
            IceLiteAgent agent = newAgent(IceCredentials.random(), remote);
            WebRtcTransport t = new WebRtcTransport(this, agent, null, localRole, fingerprint, dtlsConfig,
                    config.limits().dtlsQueueDatagrams(), listener);
            if (byUfrag.putIfAbsent(t.ufrag(), t) == null) {
                log.info("webrtc session start ufrag={} remote_ufrag={} role={}", t.ufrag(), remoteUfrag, localRole);
                return t;
            }
        }
    }

    /**
     * Creates a session for a server offer (WHEP server-offer mode): our ufrag/pwd, candidates and
     * fingerprint are known at once for the offer; the peer's come later with
     * {@link WebRtcTransport#bindRemote}. Checks that arrive before are answered (see
     * {@link WebRtcTransport}); a session never bound closes as CONSENT_EXPIRED after the consent timeout.
     *
     * @throws IllegalStateException when the port is not running or holds the maximum number of sessions
     */
    public WebRtcTransport newPendingTransport(WebRtcTransport.Listener listener) {
        checkCapacity();
        while (true) {
            WebRtcTransport t = new WebRtcTransport(this, null, IceCredentials.random(), null, null, dtlsConfig,
                    config.limits().dtlsQueueDatagrams(), listener);
            if (byUfrag.putIfAbsent(t.ufrag(), t) == null) {
                log.info("webrtc session start ufrag={} pending=true", t.ufrag());
                return t;
            }
        }
    }

    private void checkCapacity() {
        if (udp == null || closed) {
            throw new IllegalStateException("WebRTC port not running");
        }
        if (byUfrag.size() >= config.limits().maxSessions()) {
            throw new IllegalStateException("WebRTC port holds " + byUfrag.size() + " sessions, limit "
                    + config.limits().maxSessions());
        }
    }

    IceLiteAgent newAgent(IceCredentials local, IceCredentials remote) {
        return new IceLiteAgent(local, remote, config.consentTimeout(), config.limits().maxEndpointsPerSession(), clock);
    }

    long consentTimeoutNanos() {
        return config.consentTimeout().toNanos();
    }

    int maxEndpointsPerSession() {
        return config.limits().maxEndpointsPerSession();
    }

    /** Sessions currently held. */
    public int sessionCount() {
        return byUfrag.size();
    }

    /** Inbound datagrams dropped so far, by reason. */
    public Map<DropReason, Long> dropCounts() {
        Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
        drops.forEach((r, n) -> out.put(r, n.sum()));
        return out;
    }

    /** Closes every session (PORT_CLOSED), the sockets and the handshake threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (WebRtcTransport t : new ArrayList<>(byUfrag.values())) {
            t.close(WebRtcTransport.CloseReason.PORT_CLOSED);
        }
        ScheduledFuture<?> s = sweeper;
        if (s != null) {
            s.cancel(false);
        }
        Channel t = tcpServer;
        if (t != null) {
            t.close().syncUninterruptibly();
        }
        for (BatchingWriter w : tcpWriters.values()) {
            w.channel().close();
        }
        Channel u = udp;
        if (u != null) {
            u.close().syncUninterruptibly();
        }
        dtlsExecutor.shutdownNow();
        log.info("webrtc port end drops={}", dropCounts());
    }

    // ---- inbound, on the loop ----

    /** Sorts one datagram or ICE-TCP frame. Does not take ownership of {@code buf}. */
    void dispatch(ByteBuf buf, RemoteEndpoint from) {
        if (!buf.isReadable()) {
            countDrop(DropReason.EMPTY);
            return;
        }
        switch (PacketKind.of(buf.getUnsignedByte(buf.readerIndex()))) {
            case STUN -> handleStun(buf, from);
            case DTLS -> {
                WebRtcTransport t = byEndpoint.get(from);
                if (t == null) {
                    countDrop(DropReason.NO_SESSION);
                } else {
                    t.onDtls(ByteBufUtil.getBytes(buf));
                }
            }
            case RTP -> {
                WebRtcTransport t = byEndpoint.get(from);
                if (t == null) {
                    countDrop(DropReason.NO_SESSION);
                } else {
                    t.onMedia(buf.retain());
                }
            }
            case UNKNOWN -> countDrop(DropReason.UNKNOWN_KIND);
        }
    }

    private void handleStun(ByteBuf buf, RemoteEndpoint from) {
        StunMessage msg;
        try {
            byte[] bytes = ByteBufUtil.getBytes(buf);
            msg = StunMessage.parse(bytes, 0, bytes.length, stunLimits);
        } catch (StunException e) {
            countDrop(DropReason.MALFORMED_STUN);
            return;
        }
        WebRtcTransport t = null;
        if (msg.type().equals(StunMessageType.BINDING_REQUEST)) {
            String user = msg.get(StunAttribute.Username.class).map(StunAttribute.Username::value).orElse("");
            int colon = user.indexOf(':');
            t = byUfrag.get(colon < 0 ? user : user.substring(0, colon));
        } else {
            t = byEndpoint.get(from);
        }
        if (t == null) {
            countDrop(DropReason.NO_SESSION);
            return;
        }
        IceCheckResult result = t.onStun(msg, from);
        switch (result) {
            case IceCheckResult.Success s -> {
                if (t.boundEndpoints.add(from) || byEndpoint.get(from) != t) {
                    byEndpoint.put(from, t);
                }
                sendTo(from, Unpooled.wrappedBuffer(s.response()));
            }
            case IceCheckResult.ErrorResponse e -> sendTo(from, Unpooled.wrappedBuffer(e.response()));
            case IceCheckResult.Ignored i -> countDrop(DropReason.STUN_IGNORED);
        }
    }

    // ---- ICE-TCP connections ----

    boolean tcpConnected(Channel ch) {
        if (closed || tcpConnections.incrementAndGet() > config.limits().maxTcpConnections()) {
            tcpConnections.decrementAndGet();
            countDrop(DropReason.TCP_REJECTED);
            return false;
        }
        InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
        tcpWriters.put(remote, new BatchingWriter(ch));
        RemoteEndpoint ep = new RemoteEndpoint(IceTransportProtocol.TCP, remote);
        // A connection that never authenticates gets as long as a DTLS handshake would.
        ch.eventLoop().schedule(() -> {
            if (!byEndpoint.containsKey(ep)) {
                countDrop(DropReason.TCP_REJECTED);
                ch.close();
            }
        }, config.dtlsHandshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    void tcpDisconnected(Channel ch, boolean counted) {
        InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
        if (counted) {
            tcpConnections.decrementAndGet();
        }
        if (remote != null) {
            tcpWriters.remove(remote);
            byEndpoint.remove(new RemoteEndpoint(IceTransportProtocol.TCP, remote));
        }
    }

    // ---- for sessions ----

    void sendTo(RemoteEndpoint to, ByteBuf buf) {
        if (to.protocol() == IceTransportProtocol.UDP) {
            BatchingWriter w = udpWriter;
            if (w == null) {
                buf.release();
                return;
            }
            w.write(new DatagramPacket(buf, to.address()));
        } else {
            BatchingWriter w = tcpWriters.get(to.address());
            if (w == null) {
                buf.release();
                return;
            }
            w.write(buf);
        }
    }

    void unregister(WebRtcTransport t) {
        byUfrag.remove(t.ufrag(), t);
        for (RemoteEndpoint ep : t.boundEndpoints) {
            if (byEndpoint.remove(ep, t) && ep.protocol() == IceTransportProtocol.TCP) {
                BatchingWriter w = tcpWriters.get(ep.address());
                if (w != null) {
                    // let a queued close_notify leave first
                    w.channel().eventLoop().schedule(() -> w.channel().close(), 100, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /** Moves a session to its new ufrag after an ICE restart; false if the new ufrag is taken. */
    boolean reindex(WebRtcTransport t, String oldUfrag, String newUfrag) {
        if (byUfrag.putIfAbsent(newUfrag, t) != null) {
            return false;
        }
        byUfrag.remove(oldUfrag, t);
        return true;
    }

    void countDrop(DropReason reason) {
        drops.get(reason).increment();
    }

    EventLoop eventLoop() {
        return loop;
    }

    MonotonicClock clock() {
        return clock;
    }

    DtlsCertificate certificate() {
        return certificate;
    }

    ExecutorService dtlsExecutor() {
        return dtlsExecutor;
    }

    /** Runs on the port's loop; inline if the loop is gone (port closing). */
    void runOnLoop(Runnable r) {
        EventLoop l = loop;
        if (l == null || l.inEventLoop()) {
            r.run();
            return;
        }
        try {
            l.execute(r);
        } catch (RejectedExecutionException e) {
            r.run();
        }
    }

    private void sweep() {
        long now = clock.nanoTime();
        for (WebRtcTransport t : byUfrag.values()) {
            t.tick(now);
        }
        if (now - lastDropLogNanos >= DROP_LOG_NANOS) {
            long total = drops.values().stream().mapToLong(LongAdder::sum).sum();
            if (total != lastDropTotal) {
                log.info("webrtc port drops total={} by_reason={}", total, dropCounts());
                lastDropTotal = total;
            }
            lastDropLogNanos = now;
        }
    }
}
