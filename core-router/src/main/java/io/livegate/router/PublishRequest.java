package io.livegate.router;

import java.util.Map;
import java.util.Objects;

/**
 * What a client asked to publish to.
 *
 * @param path          the requested stream path, e.g. {@code live/cam1} (RTMP {@code app/name}, SRT {@code r=})
 * @param protocol      {@code rtmp}, {@code rtmps}, {@code srt}, {@code whip}
 * @param remoteAddress the peer, for logs and the API
 * @param query         query parameters or stream-id fields the client sent, for the {@link PublishHook}
 */
public record PublishRequest(String path, String protocol, String remoteAddress, Map<String, String> query) {

    public PublishRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(protocol, "protocol");
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
        query = query == null ? Map.of() : Map.copyOf(query);
    }

    public PublishRequest withPath(String newPath) {
        return new PublishRequest(newPath, protocol, remoteAddress, query);
    }
}
