package io.livegate.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Adds one module's facts about a stream (its RTMP connection, SRT link stats, HLS viewers) to the API object. */
@FunctionalInterface
public interface StreamDetails {

    void describe(String path, ObjectNode stream);
}
