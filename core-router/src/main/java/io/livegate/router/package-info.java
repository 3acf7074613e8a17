/**
 * The stream bus. Ingest modules call {@link io.livegate.router.StreamRegistry#publish} and write
 * {@link io.livegate.media.Frame}s; egress modules {@link io.livegate.router.StreamRegistry#subscribe} and
 * receive them on their own executor. The publisher never blocks on a subscriber: each subscriber has a
 * bounded queue, and one that falls behind drops video until the next keyframe. Each stream keeps the
 * frames since its latest keyframe (GOP cache) so a new subscriber starts decoding at once, rebases
 * timestamps to start near zero, and survives a publisher reconnect within a grace period.
 */
package io.livegate.router;
