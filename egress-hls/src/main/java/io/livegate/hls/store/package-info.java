/**
 * Where finished parts and segments live: {@link io.livegate.hls.store.SegmentStore} keeps a rendition's sliding
 * window in RAM, bounded by a segment count and by a byte budget shared by all renditions of a stream
 * ({@link io.livegate.hls.store.ByteBudget}). A segment's bytes are its parts' bytes, so nothing is held twice.
 * Left out: disk or object-store backends (the store is the seam for them).
 */
package io.livegate.hls.store;
