package io.livegate.srt;

/**
 * Lets the control plane (live inputs, auth) decide on an SRT caller during the handshake, from its parsed
 * stream id: allow it with a passphrase of the control plane's choosing, or deny it with an SRT reject code the
 * caller will see. Called on a libsrt thread, so it must answer from memory, quickly, and never call into the
 * router or block.
 */
@FunctionalInterface
public interface SrtAccessHook {

    /** Allows every caller with the passphrase from {@link SrtConfig}. */
    SrtAccessHook ALLOW_ALL = (id, remote) -> new Access.Allow(null);

    Access check(StreamId streamId, String remoteAddress);

    /** The answer. */
    sealed interface Access {
        /**
         * Go on. {@code passphrase} (10..79 bytes) replaces the configured one for this connection; null keeps
         * {@link SrtConfig#passphraseFor}.
         */
        record Allow(String passphrase) implements Access {
        }

        /**
         * Refuse, with a reject code (1403 {@code SRT_REJX_FORBIDDEN}, 1404 {@code SRT_REJX_NOTFOUND}, 1401
         * {@code SRT_REJX_UNAUTHORIZED}, ...: see {@link io.livegate.srt.binding.SrtReject}) and a reason for the
         * log.
         */
        record Deny(int code, String reason) implements Access {
            public Deny {
                if (code < 1000 || code > 1999) {
                    throw new IllegalArgumentException("application reject codes are 1000..1999, was " + code);
                }
            }
        }
    }
}
