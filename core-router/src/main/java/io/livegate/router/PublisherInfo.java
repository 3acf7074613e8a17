package io.livegate.router;

import java.time.Instant;

/** The current (or last) publisher of a stream, for the API. */
public record PublisherInfo(String protocol, String remoteAddress, Instant since) {
}
