package io.livegate.rtmp.chunk;

/**
 * Every bound the RTMP ingest applies to untrusted input, in one place (fed from {@code livegate.yaml}).
 *
 * @param maxChunkSize       largest Set Chunk Size accepted from a peer; chunk size only bounds how bytes are cut,
 *                           never what is allocated, so the spec maximum is safe
 * @param maxMessageSize     largest single message (assembled from chunks)
 * @param maxChunkStreams    chunk stream ids one connection may use
 * @param maxBufferedBytes   sum of the declared lengths of all messages being assembled at once
 * @param maxAmfDepth        nesting depth of AMF objects/arrays
 * @param maxAmfItems        values (including nested ones) in one AMF command or data message
 * @param maxAmfStringLength bytes in one AMF string
 * @param maxTracks          tracks one publisher may declare (legacy audio/video plus multitrack)
 * @param maxOutboundBytes   bytes queued towards a peer that does not read before the session is dropped
 * @param maxConnections     RTMP(S) connections at once; more are closed on accept (bounds total memory)
 */
public record RtmpLimits(int maxChunkSize, int maxMessageSize, int maxChunkStreams, long maxBufferedBytes,
                         int maxAmfDepth, int maxAmfItems, int maxAmfStringLength, int maxTracks,
                         int maxOutboundBytes, int maxConnections) {

    /** The spec maximum (RTMP 1.0 5.4.1: 31 bits); memory does not depend on it. */
    public static final int DEFAULT_MAX_CHUNK_SIZE = 0x7FFF_FFFF;
    /** A 4K 50 Mbit/s keyframe stays under 4 MiB; twice that leaves room without letting one peer hog memory. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 8 * 1024 * 1024;
    /** OBS, ffmpeg and hardware encoders use fewer than 10; a peer opening hundreds is probing. */
    public static final int DEFAULT_MAX_CHUNK_STREAMS = 64;
    /** Two max-size messages in flight (audio interleaved with a big keyframe). */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 16L * 1024 * 1024;
    /** connect and onMetaData nest at most 3 levels in every client seen; 16 stops recursion bombs. */
    public static final int DEFAULT_MAX_AMF_DEPTH = 16;
    /** onMetaData of OBS has about 30 entries; a few thousand is plenty and bounds parse time. */
    public static final int DEFAULT_MAX_AMF_ITEMS = 4096;
    /** URLs and encoder strings are short; 64 KiB is the AMF0 short-string maximum anyway. */
    public static final int DEFAULT_MAX_AMF_STRING_LENGTH = 65_535;
    /** Enhanced RTMP multitrack in practice carries a few renditions or languages. */
    public static final int DEFAULT_MAX_TRACKS = 16;
    /** Our replies are a few hundred bytes plus acks; 1 MiB unread means the peer stopped reading. */
    public static final int DEFAULT_MAX_OUTBOUND_BYTES = 1024 * 1024;
    /** Far above the publishers one gateway serves; with the per-connection bounds it caps worst-case memory. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;

    public static final RtmpLimits DEFAULTS = new RtmpLimits(DEFAULT_MAX_CHUNK_SIZE, DEFAULT_MAX_MESSAGE_SIZE,
            DEFAULT_MAX_CHUNK_STREAMS, DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_MAX_AMF_DEPTH, DEFAULT_MAX_AMF_ITEMS,
            DEFAULT_MAX_AMF_STRING_LENGTH, DEFAULT_MAX_TRACKS, DEFAULT_MAX_OUTBOUND_BYTES, DEFAULT_MAX_CONNECTIONS);

    public RtmpLimits withMaxOutboundBytes(int bytes) {
        return new RtmpLimits(maxChunkSize, maxMessageSize, maxChunkStreams, maxBufferedBytes, maxAmfDepth, maxAmfItems,
                maxAmfStringLength, maxTracks, bytes, maxConnections);
    }

    public RtmpLimits withMaxConnections(int connections) {
        return new RtmpLimits(maxChunkSize, maxMessageSize, maxChunkStreams, maxBufferedBytes, maxAmfDepth, maxAmfItems,
                maxAmfStringLength, maxTracks, maxOutboundBytes, connections);
    }

    /** The AMF part of these limits. */
    public io.livegate.rtmp.amf.AmfLimits amfLimits() {
        return new io.livegate.rtmp.amf.AmfLimits(maxAmfDepth, maxAmfItems, maxAmfStringLength);
    }

    public RtmpLimits {
        if (maxChunkSize < 128 || maxMessageSize < 1024 || maxMessageSize > 0xFF_FFFF + 1 || maxChunkStreams < 2
                || maxBufferedBytes < maxMessageSize || maxAmfDepth < 2 || maxAmfItems < 16
                || maxAmfStringLength < 256 || maxTracks < 2 || maxOutboundBytes < 4096 || maxConnections < 1) {
            throw new IllegalArgumentException("RTMP limits out of range: " + maxChunkSize + "/" + maxMessageSize
                    + "/" + maxChunkStreams + "/" + maxBufferedBytes + "/" + maxAmfDepth + "/" + maxAmfItems + "/"
                    + maxAmfStringLength + "/" + maxTracks + "/" + maxOutboundBytes + "/" + maxConnections);
        }
    }
}
