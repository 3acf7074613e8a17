/**
 * The media model every module speaks: {@link io.livegate.media.Track}, {@link io.livegate.media.Frame} and its
 * canonical {@link io.livegate.media.Payload}. Ingest converts protocol units to these at its edge; egress reads
 * them. Byte arrays held by these types are never mutated after construction and are shared by all
 * subscribers, so nothing is copied per viewer.
 */
package io.livegate.media;
