/**
 * RTMP chunk stream (Adobe RTMP 1.0, sections 5.3 chunking and 5.4 protocol control messages, 7.1.7 User
 * Control): {@link io.livegate.rtmp.chunk.RtmpChunkDecoder} reassembles messages from all four chunk header
 * types with extended timestamps (also on type-3 chunks), applies Set Chunk Size and Abort, answers Ping
 * Requests and sends Acknowledgements once the peer sets a window; {@link io.livegate.rtmp.chunk.RtmpChunkEncoder}
 * cuts outgoing messages. Bounds are in {@link io.livegate.rtmp.chunk.RtmpLimits}.
 *
 * <p>Left out: shared objects (types 16/19 are read and dropped), the bandwidth limit a peer asks for with Set
 * Peer Bandwidth (ignored, we only receive), and header compression on output (every message starts with a
 * type-0 header: the server sends little).
 */
package io.livegate.rtmp.chunk;
