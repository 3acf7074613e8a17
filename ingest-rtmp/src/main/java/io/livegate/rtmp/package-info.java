/**
 * RTMP and RTMPS ingest: {@link io.livegate.rtmp.RtmpServer} (listener), {@link io.livegate.rtmp.RtmpChannelInitializer}
 * (pipeline), the NetConnection/NetStream command flow of publishing clients (Adobe RTMP 1.0 section 7.2) and
 * the mapping of FLV/Enhanced RTMP tags onto core-router tracks and frames.
 *
 * <p>Left out: playback over RTMP (play is refused), shared objects, RTMPE/RTMPT, and AMF3 replies (replies
 * are AMF0 even to AMF3 clients).
 */
package io.livegate.rtmp;
