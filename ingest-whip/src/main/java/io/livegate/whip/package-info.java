/**
 * WHIP ingest (RFC 9725): {@link io.livegate.whip.WhipIngest} is the gateway's entry point,
 * {@link io.livegate.whip.WhipConfig} and {@link io.livegate.whip.WhipLimits} its settings,
 * {@link io.livegate.whip.WhipSessionInfo} one publisher for the API. Resource handling lives in {@code whip.http},
 * the per-publisher receive path in {@code whip.session}, frames and timestamps for the bus in {@code whip.media}.
 */
package io.livegate.whip;
