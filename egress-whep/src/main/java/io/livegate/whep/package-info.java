/**
 * WHEP egress (draft-ietf-wish-whep): {@link io.livegate.whep.WhepEgress} is the gateway's entry point,
 * {@link io.livegate.whep.WhepConfig} its settings, {@link io.livegate.whep.WhepSessionInfo} one viewer for the
 * API. Resource handling lives in {@code whep.http}, the per-viewer session in {@code whep.session}, the shared
 * per-stream packetization in {@code whep.media}.
 */
package io.livegate.whep;
