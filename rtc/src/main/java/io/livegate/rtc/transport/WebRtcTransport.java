package io.livegate.rtc.transport;

import io.livegate.rtc.dtls.DtlsConfig;
import io.livegate.rtc.dtls.DtlsException;
import io.livegate.rtc.dtls.DtlsFingerprint;
import io.livegate.rtc.dtls.DtlsHandshake;
import io.livegate.rtc.dtls.DtlsPacketTransport;
import io.livegate.rtc.dtls.DtlsRole;
import io.livegate.rtc.dtls.DtlsSession;
import io.livegate.rtc.dtls.SrtpKeyingMaterial;
import io.livegate.rtc.ice.IceCandidate;
import io.livegate.rtc.ice.IceCheckResult;
import io.livegate.rtc.ice.IceCredentials;
import io.livegate.rtc.ice.IceLiteAgent;
import io.livegate.rtc.ice.IceTransportProtocol;
import io.livegate.rtc.ice.RemoteEndpoint;
import io.livegate.rtc.stun.StunAttribute;
import io.livegate.rtc.stun.StunCredentials;
import io.livegate.rtc.stun.StunMessage;
import io.livegate.rtc.stun.StunMessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebRTC session on the shared port: ICE-lite checks, then DTLS, then raw SRTP/SRTCP datagrams
 * both ways. The caller does SRTP with the keys from {@link Listener#onConnected}.
 *
 * <p>A session made by {@link WebRtcPort#newPendingTransport} (server-offer signalling) starts without
 * the peer's ICE credentials, fingerprint and DTLS role; {@link #bindRemote} supplies them once the
 * answer arrives. Until then Binding requests that authenticate with our own password are answered
 * (RFC 8445 §7.3 and RFC 5245 §7.2: the offerer very likely sees checks before the answer and must
 * respond), which binds the peer's address; the peer's DTLS datagrams queue, and the handshake starts
 * at binding. The peer's ufrag in USERNAME is only checked after binding.
 *
 * <p>All callbacks run on the port's event loop. {@link #send} and {@link #close} may be called from
 * any thread. {@link Listener#onClosed} is called exactly once, whatever closed the session.
 */
public final class WebRtcTransport {
    private static final Logger log = LoggerFactory.getLogger(WebRtcTransport.class);
    /** Slack over the DTLS timeout before the sweeper steps in (BC normally gives up first). */
    private static final long HANDSHAKE_GRACE_NANOS = 1_000_000_000L;

    /** Session events. */
    public interface Listener {
        /** DTLS finished: set up SRTP with these keys. {@link #send} works from now on. */
        void onConnected(WebRtcTransport transport, SrtpKeyingMaterial keys);

        /** An SRTP or SRTCP datagram from the peer (first byte 128-191). The listener owns and releases it. */
        void onPacket(WebRtcTransport transport, ByteBuf packet);

        /** The session ended; no callback follows. */
        void onClosed(WebRtcTransport transport, CloseReason reason);
    }

    /** Why a session ended. */
    public enum CloseReason {
        /** {@link #close()} was called. */
        LOCAL,
        /** No valid ICE check within the consent timeout (RFC 7675), or ICE never started. */
        CONSENT_EXPIRED,
        DTLS_TIMEOUT,
        /** The peer's certificate does not match its SDP fingerprint. */
        DTLS_FINGERPRINT_MISMATCH,
        DTLS_FAILED,
        /** The peer sent close_notify or a fatal alert after the handshake. */
        DTLS_CLOSED_BY_PEER,
        /** The handshake executor was full. */
        OVERLOADED,
        PORT_CLOSED
    }

    /** Where the session is. */
    public enum State {
        /** Waiting for the first valid ICE check. */
        NEW,
        HANDSHAKING,
        CONNECTED,
        CLOSED
    }

    private final WebRtcPort port;
    /** Null while pending: the peer's credentials are not known yet. */
    private volatile IceLiteAgent agent;
    private volatile DtlsRole role;
    private volatile DtlsFingerprint remoteFingerprint;
    /** Our credentials while pending; the agent's once bound. */
    private final IceCredentials pendingLocal;
    private final byte[] pendingKey;
    /** Addresses whose checks were answered while pending (bounded by maxEndpointsPerSession). */
    private final Set<RemoteEndpoint> pendingValid = new LinkedHashSet<>();
    private final Listener listener;
    private final DtlsPacketTransport dtlsPackets;
    private final DtlsConfig dtlsConfig;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicBoolean pumpScheduled = new AtomicBoolean();
    final Set<RemoteEndpoint> boundEndpoints = ConcurrentHashMap.newKeySet();
    private final long createdNanos;
    private volatile long handshakeStartNanos;
    private volatile DtlsSession dtls;
    private volatile RemoteEndpoint lastValid;
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    /** A pending session when {@code agent} is null; {@code local} is then our ICE credentials. */
    WebRtcTransport(WebRtcPort port, IceLiteAgent agent, IceCredentials local, DtlsRole role,
            DtlsFingerprint remoteFingerprint, DtlsConfig dtlsConfig, int dtlsQueue, Listener listener) {
        this.port = port;
        this.agent = agent;
        this.pendingLocal = agent == null ? local : null;
        this.pendingKey = agent == null ? StunCredentials.shortTermKey(local.pwd()) : null;
        this.role = role;
        this.remoteFingerprint = remoteFingerprint;
        this.dtlsConfig = dtlsConfig;
        this.listener = listener;
        this.createdNanos = port.clock().nanoTime();
        this.dtlsPackets = new DtlsPacketTransport(this::sendDtls, dtlsConfig.mtu(), dtlsQueue);
    }

    /** Our ICE ufrag/pwd for the SDP answer ({@code a=ice-ufrag}, {@code a=ice-pwd}, {@code a=ice-lite}). */
    public IceCredentials localIceCredentials() {
        IceLiteAgent a = agent;
        return a == null ? pendingLocal : a.localCredentials();
    }

    /** Our host candidates for {@code a=candidate} lines. */
    public List<IceCandidate> localCandidates() {
        return port.localCandidates();
    }

    /** Our certificate fingerprint for {@code a=fingerprint}. */
    public DtlsFingerprint localFingerprint() {
        return port.fingerprint();
    }

    /**
     * Our DTLS role; {@link DtlsRole#sdpSetup()} gives the {@code a=setup} value. Null while pending
     * (a server offer says {@code actpass}).
     */
    public DtlsRole localRole() {
        return role;
    }

    /**
     * The event loop the port and all callbacks run on. Passing it as the executor of a router
     * subscription makes {@link #send} a plain write instead of a hop between threads.
     */
    public io.netty.channel.EventLoop eventLoop() {
        return port.eventLoop();
    }

    public State state() {
        return state.get();
    }

    /** True until {@link #bindRemote} for a session made by {@link WebRtcPort#newPendingTransport}. */
    public boolean isPending() {
        return agent == null;
    }

    /**
     * Binds the peer of a pending session, from its SDP answer. If a check already passed, the DTLS
     * handshake starts now (with any queued peer datagrams). May be called from any thread, once.
     *
     * @param remoteFingerprint {@code a=fingerprint} value of the answer, e.g. {@code "sha-256 AB:CD:..."}
     * @param localRole         {@link DtlsRole#SERVER} when the answer says {@code a=setup:active},
     *                          {@link DtlsRole#CLIENT} for {@code passive}
     * @throws IllegalArgumentException when the credentials or fingerprint are malformed
     * @throws IllegalStateException    when already bound or closed
     */
    public void bindRemote(String remoteUfrag, String remotePwd, String remoteFingerprint, DtlsRole localRole) {
        IceCredentials remote = new IceCredentials(remoteUfrag, remotePwd);
        DtlsFingerprint fp = DtlsFingerprint.parse(remoteFingerprint);
        java.util.Objects.requireNonNull(localRole, "localRole");
        boolean start;
        synchronized (this) {
            if (agent != null) {
                throw new IllegalStateException("transport already bound");
            }
            if (state.get() == State.CLOSED) {
                throw new IllegalStateException("transport closed");
            }
            this.role = localRole;
            this.remoteFingerprint = fp;
            this.agent = port.newAgent(pendingLocal, remote);
            start = !pendingValid.isEmpty();
        }
        log.info("webrtc session bound ufrag={} remote_ufrag={} role={} early_checks={}", pendingLocal.ufrag(),
                remoteUfrag, localRole, start);
        if (start && state.compareAndSet(State.NEW, State.HANDSHAKING)) {
            startHandshake();
        }
    }

    /** The pair media flows on: the nominated one, else the last that passed a check. */
    public Optional<RemoteEndpoint> remoteEndpoint() {
        return Optional.ofNullable(currentPath());
    }

    /** {@code udp} or {@code tcp} for the pair media flows on, "" before there is one (API and log lines). */
    public String iceProtocol() {
        return remoteEndpoint().map(e -> e.protocol() == IceTransportProtocol.TCP ? "tcp" : "udp").orElse("");
    }

    /** The SRTP keys once connected. */
    public Optional<SrtpKeyingMaterial> keyingMaterial() {
        DtlsSession s = dtls;
        return s == null ? Optional.empty() : Optional.of(s.keyingMaterial());
    }

    public long packetsIn() {
        return packetsIn.sum();
    }

    public long packetsOut() {
        return packetsOut.sum();
    }

    /**
     * Sends one datagram the caller has already SRTP/SRTCP-protected. Ownership passes here; it is
     * released when not connected. Datagrams written in one event-loop turn are flushed together.
     *
     * @return false when dropped (not connected, or no path yet)
     */
    public boolean send(ByteBuf protectedPacket) {
        RemoteEndpoint path = currentPath();
        if (state.get() != State.CONNECTED || path == null) {
            protectedPacket.release();
            dropped.increment();
            return false;
        }
        packetsOut.increment();
        port.sendTo(path, protectedPacket);
        return true;
    }

    /**
     * ICE restart (RFC 8445 §9) with the peer's new ufrag/pwd from its new offer. Media keeps flowing
     * on the current pair until the peer nominates again; DTLS and SRTP are unchanged.
     *
     * @return our new credentials for the SDP answer
     */
    public IceCredentials restartIce(String remoteUfrag, String remotePwd) {
        IceLiteAgent agent = this.agent;
        if (agent == null) {
            throw new IllegalStateException("ICE restart before the peer is bound");
        }
        IceCredentials remote = new IceCredentials(remoteUfrag, remotePwd);
        String oldUfrag = agent.localCredentials().ufrag();
        IceCredentials fresh = agent.restart(remote);
        while (!port.reindex(this, oldUfrag, fresh.ufrag())) {
            fresh = agent.restart(remote);
        }
        log.info("webrtc ice restart ufrag={} old_ufrag={}", fresh.ufrag(), oldUfrag);
        return fresh;
    }

    /** Closes the session: DTLS close_notify, unbinds the ufrag and addresses, then onClosed. */
    public void close() {
        close(CloseReason.LOCAL);
    }

    // ---- called by the port, on its event loop ----

    IceCheckResult onStun(StunMessage message, RemoteEndpoint from) {
        IceLiteAgent agent = this.agent;
        if (agent == null) {
            synchronized (this) {
                agent = this.agent;
                if (agent == null) {
                    return answerPending(message, from);
                }
            }
        }
        IceCheckResult result = agent.handle(message, from);
        if (result instanceof IceCheckResult.Success s) {
            lastValid = s.from();
            if (s.selectedChanged()) {
                log.info("webrtc ice selected ufrag={} remote={} nominated={}", ufrag(), s.from(), s.nominated());
            }
            if (state.compareAndSet(State.NEW, State.HANDSHAKING)) {
                startHandshake();
            }
        }
        return result;
    }

    void onDtls(byte[] datagram) {
        if (!dtlsPackets.offer(datagram)) {
            dropped.increment();
            port.countDrop(WebRtcPort.DropReason.DTLS_QUEUE_FULL);
            return;
        }
        if (state.get() == State.CONNECTED) {
            schedulePump();
        }
    }

    void onMedia(ByteBuf packet) {
        if (state.get() != State.CONNECTED) {
            packet.release();
            dropped.increment();
            port.countDrop(WebRtcPort.DropReason.NOT_CONNECTED);
            return;
        }
        packetsIn.increment();
        listener.onPacket(this, packet);
    }

    void tick(long now) {
        State s = state.get();
        if (s == State.CLOSED) {
            return;
        }
        IceLiteAgent agent = this.agent;
        if (agent == null ? now - createdNanos > port.consentTimeoutNanos() : agent.consentExpired()) {
            close(CloseReason.CONSENT_EXPIRED);
        } else if (s == State.HANDSHAKING
                && now - handshakeStartNanos > dtlsConfig.handshakeTimeout().toNanos() + HANDSHAKE_GRACE_NANOS) {
            close(CloseReason.DTLS_TIMEOUT);
        }
    }

    String ufrag() {
        return localIceCredentials().ufrag();
    }

    synchronized List<RemoteEndpoint> validEndpoints() {
        IceLiteAgent a = agent;
        return a == null ? List.copyOf(pendingValid) : a.validEndpoints();
    }

    void close(CloseReason reason) {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) {
            return;
        }
        IceLiteAgent a = agent;
        if (a != null) {
            a.close();
        }
        port.unregister(this);
        DtlsSession s = dtls;
        if (s != null) {
            try {
                port.dtlsExecutor().execute(s::close);
            } catch (RejectedExecutionException e) {
                dtlsPackets.close();
            }
        } else {
            dtlsPackets.close();
        }
        long millis = (port.clock().nanoTime() - createdNanos) / 1_000_000;
        log.info("webrtc session end ufrag={} reason={} remote={} duration_ms={} packets_in={} packets_out={} dropped={}",
                ufrag(), reason, currentPath(), millis, packetsIn.sum(), packetsOut.sum(), dropped.sum());
        port.runOnLoop(() -> listener.onClosed(this, reason));
    }

    // ---- DTLS, on the handshake executor ----

    private void startHandshake() {
        handshakeStartNanos = port.clock().nanoTime();
        try {
            port.dtlsExecutor().execute(this::runHandshake);
        } catch (RejectedExecutionException e) {
            close(CloseReason.OVERLOADED);
        }
    }

    private void runHandshake() {
        if (state.get() == State.CLOSED) {
            return;
        }
        try {
            DtlsSession session = DtlsHandshake.run(role, port.certificate(), remoteFingerprint, dtlsPackets, dtlsConfig);
            port.runOnLoop(() -> connected(session));
        } catch (DtlsException e) {
            if (state.get() != State.CLOSED) {
                log.warn("webrtc dtls failed ufrag={} remote={} reason={} detail={}", ufrag(), currentPath(), e.reason(),
                        e.getMessage());
            }
            CloseReason reason = switch (e.reason()) {
                case FINGERPRINT_MISMATCH -> CloseReason.DTLS_FINGERPRINT_MISMATCH;
                case TIMEOUT -> CloseReason.DTLS_TIMEOUT;
                default -> CloseReason.DTLS_FAILED;
            };
            port.runOnLoop(() -> close(reason));
        }
    }

    private void connected(DtlsSession session) {
        if (!state.compareAndSet(State.HANDSHAKING, State.CONNECTED)) {
            session.close();
            return;
        }
        dtls = session;
        long millis = (port.clock().nanoTime() - handshakeStartNanos) / 1_000_000;
        log.info("webrtc session connected ufrag={} remote={} role={} profile={} handshake_ms={}", ufrag(), currentPath(),
                role, session.profile(), millis);
        listener.onConnected(this, session.keyingMaterial());
        if (dtlsPackets.hasPending()) {
            schedulePump();
        }
    }

    private void schedulePump() {
        DtlsSession s = dtls;
        if (s == null || !pumpScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            port.dtlsExecutor().execute(() -> {
                pumpScheduled.set(false);
                if (!s.pump()) {
                    port.runOnLoop(() -> close(CloseReason.DTLS_CLOSED_BY_PEER));
                }
            });
        } catch (RejectedExecutionException e) {
            pumpScheduled.set(false);
        }
    }

    private void sendDtls(byte[] datagram) {
        RemoteEndpoint path = currentPath();
        if (path != null) {
            port.sendTo(path, Unpooled.wrappedBuffer(datagram));
        }
    }

    private RemoteEndpoint currentPath() {
        IceLiteAgent a = agent;
        return a == null ? lastValid : a.selected().orElse(lastValid);
    }

    /**
     * A Binding request before the answer: authenticate the left half of USERNAME and MESSAGE-INTEGRITY
     * with our password (the short-term rules of RFC 8489 §9.1), answer, remember the address. The
     * peer's ufrag is unknown, so the right half is not checked; DTLS still waits for the fingerprint.
     */
    private IceCheckResult answerPending(StunMessage request, RemoteEndpoint from) {
        if (state.get() == State.CLOSED) {
            return new IceCheckResult.Ignored(IceCheckResult.IgnoreReason.CLOSED);
        }
        if (!request.type().equals(StunMessageType.BINDING_REQUEST)) {
            return new IceCheckResult.Ignored(IceCheckResult.IgnoreReason.NOT_A_BINDING_REQUEST);
        }
        String user = request.get(StunAttribute.Username.class).map(StunAttribute.Username::value).orElse("");
        if (!user.startsWith(pendingLocal.ufrag() + ":") || !request.has(StunAttribute.MessageIntegrity.class)
                || !request.verifyIntegrity(pendingKey)) {
            return pendingError(request, StunAttribute.ErrorCode.UNAUTHORIZED, "Unauthorized", null);
        }
        if (request.has(StunAttribute.IceControlled.class)) {
            // a lite agent is always controlled: the peer must switch (RFC 8445 §7.3.1.1)
            return pendingError(request, StunAttribute.ErrorCode.ROLE_CONFLICT, "Role Conflict", pendingKey);
        }
        if (!pendingValid.contains(from)) {
            if (pendingValid.size() >= port.maxEndpointsPerSession()) {
                return new IceCheckResult.Ignored(IceCheckResult.IgnoreReason.TOO_MANY_ENDPOINTS);
            }
            pendingValid.add(from);
        }
        lastValid = from;
        StunMessage response = new StunMessage(StunMessageType.BINDING_SUCCESS, request.transactionId(),
                List.of(new StunAttribute.XorMappedAddress(from.address())));
        return new IceCheckResult.Success(response.encode(pendingKey, true), from,
                request.has(StunAttribute.UseCandidate.class), false);
    }

    private static IceCheckResult pendingError(StunMessage request, int code, String reason, byte[] key) {
        StunMessage response = new StunMessage(StunMessageType.BINDING_ERROR, request.transactionId(),
                List.of(new StunAttribute.ErrorCode(code, reason)));
        return new IceCheckResult.ErrorResponse(response.encode(key, true), code);
    }
}
