package io.livegate.router;

/**
 * Decides whether a publish request may go ahead, and under which path. The control plane (live inputs,
 * auth) plugs in here; the default allows every request as asked. Called on the ingest's thread: it must
 * answer quickly and never block on I/O.
 */
@FunctionalInterface
public interface PublishHook {

    PublishHook ALLOW_ALL = PublishDecision.Allow::new;

    PublishDecision check(PublishRequest request);

    /** The answer of a {@link PublishHook}. */
    sealed interface PublishDecision {
        /** Publish, at {@code path} (which may differ from the requested one). */
        record Allow(String path) implements PublishDecision {
            public Allow(PublishRequest request) {
                this(request.path());
            }
        }

        /** Refuse, with a reason for the client and the log. */
        record Reject(String reason) implements PublishDecision {
        }
    }
}
