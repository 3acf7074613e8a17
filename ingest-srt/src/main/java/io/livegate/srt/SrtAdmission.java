package io.livegate.srt;

import io.livegate.router.Stream;
import io.livegate.router.StreamRegistry;
import io.livegate.router.StreamRouter;
import io.livegate.srt.binding.SrtReject;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Decides, from the stream id alone, whether a caller's handshake may go on and with which passphrase. Runs on
 * a libsrt thread inside the listen callback, so it only reads: the config, the set of paths this server
 * publishes, and the registry's stream state (a volatile read). The router is never called to change anything
 * from here; publishing happens on the I/O thread after accept.
 */
final class SrtAdmission {

    /** The answer for one caller. */
    sealed interface Decision {
        /** Go on; set {@code passphrase} on the new socket when not null. */
        record Accept(StreamId streamId, String passphrase) implements Decision {
        }

        /** Reject with an SRT reject code the caller will report. */
        record Reject(int code, String message) implements Decision {
        }
    }

    private final SrtConfig config;
    private final StreamRegistry registry;
    private final Set<String> activePaths;
    private final IntSupplier sessionCount;
    private final SrtAccessHook hook;

    SrtAdmission(SrtConfig config, StreamRegistry registry, Set<String> activePaths, IntSupplier sessionCount,
                 SrtAccessHook hook) {
        this.config = config;
        this.registry = registry;
        this.activePaths = activePaths;
        this.sessionCount = sessionCount;
        this.hook = hook;
    }

    Decision decide(String rawStreamId, String remoteAddress) {
        StreamId id;
        try {
            id = StreamId.parse(rawStreamId, config.limits().maxStreamIdFields());
        } catch (StreamIdException e) {
            int code = switch (e.reason()) {
                case BAD_MODE -> SrtReject.BAD_MODE;
                case UNSUPPORTED -> SrtReject.NOTSUP_MEDIA;
                default -> SrtReject.BAD_REQUEST;
            };
            return new Decision.Reject(code, e.getMessage());
        }
        if (id.mode() != StreamId.Mode.PUBLISH) {
            return new Decision.Reject(SrtReject.BAD_MODE,
                    "m=" + id.mode().name().toLowerCase() + " is not served over SRT yet; play over WHEP or HLS");
        }
        if (!StreamRouter.isValidPath(id.resource())) {
            return new Decision.Reject(SrtReject.BAD_REQUEST, "invalid stream path '" + id.resource() + "'");
        }
        if (sessionCount.getAsInt() >= config.maxSessions()) {
            return new Decision.Reject(SrtReject.OVERLOAD, "server full: " + config.maxSessions() + " SRT sessions");
        }
        String passphrase = config.passphraseFor(id.resource());
        switch (hook.check(id, remoteAddress)) {
            case SrtAccessHook.Access.Deny d -> {
                return new Decision.Reject(d.code(), d.reason());
            }
            case SrtAccessHook.Access.Allow a -> {
                if (a.passphrase() != null) {
                    passphrase = a.passphrase();
                }
            }
        }
        if (activePaths.contains(id.resource()) || publishedElsewhere(id.resource())) {
            return new Decision.Reject(SrtReject.CONFLICT, "stream '" + id.resource() + "' is already published");
        }
        return new Decision.Accept(id, passphrase);
    }

    private boolean publishedElsewhere(String path) {
        if (registry instanceof StreamRouter r && r.config().allowTakeover()) {
            return false;
        }
        return registry.find(path).map(s -> s.state() == Stream.State.LIVE).orElse(false);
    }
}
