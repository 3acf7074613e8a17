package io.livegate.hls.muxer;

/** Where a muxer sends its answer to one request; callable from the muxer's event loop. */
public interface ReplySink {

    /** Sends the answer; called exactly once per request. */
    void reply(HlsReply reply);

    /** Runs {@code cancel} if the client goes away before the answer (parked requests free their slot). */
    void onAbandon(Runnable cancel);
}
