/**
 * SRT ingest: {@link io.livegate.srt.SrtServer} listens through libsrt (live mode), admits callers by their
 * stream id (the SRT access-control convention {@code #!::r=...,m=...}, the {@code publish:path} form, or a plain
 * path), sets a per-path passphrase before the handshake completes, and turns the MPEG-TS they send into
 * {@link io.livegate.media.Frame}s through {@link io.livegate.srt.SrtPublisher}.
 *
 * <p>Left out for now: playing out over SRT ({@code m=request} is rejected with SRT_REJX_BAD_MODE), rendezvous and
 * caller modes, socket groups, and the nested {@code #!:{...}} stream-id syntax.
 */
package io.livegate.srt;
