package io.livegate.rtc.ice;

import io.livegate.rtc.ice.IceCheckResult.ErrorResponse;
import io.livegate.rtc.ice.IceCheckResult.IgnoreReason;
import io.livegate.rtc.ice.IceCheckResult.Ignored;
import io.livegate.rtc.ice.IceCheckResult.Success;
import io.livegate.rtc.stun.StunAttribute;
import io.livegate.rtc.stun.StunAttribute.ErrorCode;
import io.livegate.rtc.stun.StunAttribute.Priority;
import io.livegate.rtc.stun.StunAttribute.Username;
import io.livegate.rtc.stun.StunAttribute.XorMappedAddress;
import io.livegate.rtc.stun.StunCredentials;
import io.livegate.rtc.stun.StunMessage;
import io.livegate.rtc.stun.StunMessageType;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The controlled side of ICE-lite for one session (RFC 8445 §7.3). It authenticates Binding
 * requests with the local password, answers them, remembers which remote endpoints proved reachable,
 * selects the nominated pair, and judges consent (RFC 7675) by the time since the last valid check
 * on the selected pair. Methods are synchronized: the port calls them from its event loop, the
 * session owner may call {@link #restart} from elsewhere.
 */
public final class IceLiteAgent {
    private final MonotonicClock clock;
    private final long consentTimeoutNanos;
    private final int maxEndpoints;

    private IceCredentials local;
    private IceCredentials remote;
    private byte[] localKey;
    private final Set<RemoteEndpoint> valid = new LinkedHashSet<>();
    private RemoteEndpoint selected;
    private long selectedPriority = -1;
    private long lastConsentNanos;
    private boolean closed;

    /**
     * @param local          our ufrag/pwd, as put in the SDP answer
     * @param remote         the peer's ufrag/pwd from its offer; its ufrag is checked in USERNAME
     * @param consentTimeout how long without a valid check before consent is lost (RFC 7675 §5.1: 30 s)
     * @param maxEndpoints   how many distinct remote endpoints may pass checks (bounds memory)
     */
    public IceLiteAgent(IceCredentials local, IceCredentials remote, Duration consentTimeout, int maxEndpoints,
            MonotonicClock clock) {
        if (maxEndpoints < 1) {
            throw new IllegalArgumentException("maxEndpoints must be positive: " + maxEndpoints);
        }
        this.clock = clock;
        this.consentTimeoutNanos = consentTimeout.toNanos();
        this.maxEndpoints = maxEndpoints;
        this.lastConsentNanos = clock.nanoTime();
        setCredentials(local, remote);
    }

    private void setCredentials(IceCredentials local, IceCredentials remote) {
        this.local = local;
        this.remote = remote;
        this.localKey = StunCredentials.shortTermKey(local.pwd());
    }

    public synchronized IceCredentials localCredentials() {
        return local;
    }

    public synchronized IceCredentials remoteCredentials() {
        return remote;
    }

    /** The pair media goes to: the nominated endpoint with the highest PRIORITY. */
    public synchronized Optional<RemoteEndpoint> selected() {
        return Optional.ofNullable(selected);
    }

    /** True when {@code from} passed a check since the last restart. */
    public synchronized boolean isValid(RemoteEndpoint from) {
        return valid.contains(from);
    }

    public synchronized List<RemoteEndpoint> validEndpoints() {
        return new ArrayList<>(valid);
    }

    /**
     * RFC 7675: true once no valid check arrived on the selected pair (or, before nomination, on any
     * pair, counting from creation) for the consent timeout.
     */
    public synchronized boolean consentExpired() {
        return clock.nanoTime() - lastConsentNanos > consentTimeoutNanos;
    }

    /**
     * ICE restart (RFC 8445 §9): new local credentials, the peer's new ones, and checks start over;
     * the selected pair keeps carrying media until a new nomination replaces it.
     *
     * @return the new local credentials for the SDP answer
     */
    public synchronized IceCredentials restart(IceCredentials newRemote) {
        setCredentials(IceCredentials.random(), newRemote);
        valid.clear();
        if (selected != null) {
            valid.add(selected);
        }
        selectedPriority = -1;
        return local;
    }

    public synchronized void close() {
        closed = true;
    }

    /** Handles one STUN message that arrived from {@code from}. */
    public synchronized IceCheckResult handle(StunMessage request, RemoteEndpoint from) {
        if (closed) {
            return new Ignored(IgnoreReason.CLOSED);
        }
        if (!request.type().equals(StunMessageType.BINDING_REQUEST)) {
            // Binding indications are keepalives (RFC 8445 §11); responses never come: a lite agent sends no checks.
            return new Ignored(IgnoreReason.NOT_A_BINDING_REQUEST);
        }
        Optional<Username> username = request.get(Username.class);
        if (username.isEmpty() || !request.has(StunAttribute.MessageIntegrity.class)) {
            return error(request, ErrorCode.BAD_REQUEST, "Bad Request", false);
        }
        if (!usernameMatches(username.get().value()) || !request.verifyIntegrity(localKey)) {
            return error(request, ErrorCode.UNAUTHORIZED, "Unauthorized", false);
        }
        List<Integer> unknown = unknownComprehensionRequired(request);
        if (!unknown.isEmpty()) {
            return unknownAttributes(request, unknown);
        }
        if (request.has(StunAttribute.IceControlled.class)) {
            // §7.3.1.1: the peer also thinks it is controlled. A lite agent never takes the controlling
            // role, so whatever the tiebreakers say, it answers 487 and the full agent switches.
            return error(request, ErrorCode.ROLE_CONFLICT, "Role Conflict", true);
        }
        if (!valid.contains(from)) {
            if (valid.size() >= maxEndpoints) {
                return new Ignored(IgnoreReason.TOO_MANY_ENDPOINTS);
            }
            valid.add(from);
        }
        boolean nominated = request.has(StunAttribute.UseCandidate.class);
        boolean changed = false;
        if (nominated) {
            long priority = request.get(Priority.class).map(Priority::value).orElse(0L);
            if (selected == null || from.equals(selected) || priority >= selectedPriority) {
                changed = !from.equals(selected);
                selected = from;
                selectedPriority = priority;
            }
        }
        if (selected == null || from.equals(selected)) {
            lastConsentNanos = clock.nanoTime();
        }
        StunMessage response = new StunMessage(StunMessageType.BINDING_SUCCESS, request.transactionId(),
                List.of(new XorMappedAddress(from.address())));
        return new Success(response.encode(localKey, true), from, nominated, changed);
    }

    private boolean usernameMatches(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            return false;
        }
        return value.substring(0, colon).equals(local.ufrag()) && value.substring(colon + 1).equals(remote.ufrag());
    }

    private static List<Integer> unknownComprehensionRequired(StunMessage request) {
        List<Integer> unknown = new ArrayList<>();
        for (StunAttribute a : request.attributes()) {
            if (a instanceof StunAttribute.Raw r && StunAttribute.isComprehensionRequired(r.type())) {
                unknown.add(r.type());
            }
        }
        return unknown;
    }

    private ErrorResponse unknownAttributes(StunMessage request, List<Integer> unknown) {
        ByteBuffer types = ByteBuffer.allocate(2 * Math.min(unknown.size(), 16));
        for (int i = 0; i < types.capacity() / 2; i++) {
            types.putShort(unknown.get(i).shortValue());
        }
        StunMessage response = new StunMessage(StunMessageType.BINDING_ERROR, request.transactionId(), List.of(
                new ErrorCode(ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute"),
                new StunAttribute.Raw(0x000A, types.array())));
        return new ErrorResponse(response.encode(localKey, true), ErrorCode.UNKNOWN_ATTRIBUTE);
    }

    /** 400/401 go out without MESSAGE-INTEGRITY (RFC 8489 §9.1.3): the request did not authenticate. */
    private ErrorResponse error(StunMessage request, int code, String reason, boolean authenticated) {
        StunMessage response = new StunMessage(StunMessageType.BINDING_ERROR, request.transactionId(),
                List.of(new ErrorCode(code, reason)));
        return new ErrorResponse(response.encode(authenticated ? localKey : null, true), code);
    }
}
