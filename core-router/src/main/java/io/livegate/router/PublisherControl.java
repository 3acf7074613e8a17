package io.livegate.router;

/** What the router may ask of an ingest session. Both calls may come from any thread and must not block. */
public interface PublisherControl {

    /**
     * A subscriber needs a keyframe (already rate-limited by the stream). WHIP sends PLI/FIR; RTMP and SRT
     * cannot ask their encoder and ignore it.
     */
    default void requestKeyframe() {
    }

    /** The router is done with this publisher (taken over, stream removed, server stopping): close the session. */
    void disconnect(String reason);
}
