package io.livegate.rtc.transport;

/**
 * Bounds on what peers can make the port hold.
 *
 * @param maxDatagramBytes       largest UDP datagram read (longer ones are truncated by the kernel read and dropped)
 * @param maxTcpFrameBytes       largest RFC 6544 frame accepted; a longer one closes that TCP connection
 * @param maxEndpointsPerSession distinct remote addresses that may pass ICE checks for one session
 * @param maxTcpConnections      concurrent ICE-TCP connections on the port
 * @param dtlsQueueDatagrams     DTLS datagrams queued per session while the handshake thread is busy
 * @param maxSessions            sessions the port holds at once
 */
public record WebRtcLimits(int maxDatagramBytes, int maxTcpFrameBytes, int maxEndpointsPerSession,
        int maxTcpConnections, int dtlsQueueDatagrams, int maxSessions) {
    /** Ethernet MTU: WebRTC stacks keep packets at or below ~1200 B, nothing legitimate is larger. */
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = 1500;
    /** Same ceiling over TCP plus slack for stacks that coalesce DTLS records into one frame. */
    public static final int DEFAULT_MAX_TCP_FRAME_BYTES = 4096;
    /** A browser offers a few host, srflx and relay candidates per interface; 16 is generous. */
    public static final int DEFAULT_MAX_ENDPOINTS_PER_SESSION = 16;
    /** One ICE-TCP connection per TCP viewer is the norm; caps file descriptors held by strangers. */
    public static final int DEFAULT_MAX_TCP_CONNECTIONS = 10_000;
    /** A DTLS flight is at most ~6 datagrams; 64 absorbs retransmissions. */
    public static final int DEFAULT_DTLS_QUEUE_DATAGRAMS = 64;
    /** Far above what one process serves (thousands of viewers); a guard against runaway signalling. */
    public static final int DEFAULT_MAX_SESSIONS = 50_000;

    public static final WebRtcLimits DEFAULTS = new WebRtcLimits(DEFAULT_MAX_DATAGRAM_BYTES, DEFAULT_MAX_TCP_FRAME_BYTES,
            DEFAULT_MAX_ENDPOINTS_PER_SESSION, DEFAULT_MAX_TCP_CONNECTIONS, DEFAULT_DTLS_QUEUE_DATAGRAMS,
            DEFAULT_MAX_SESSIONS);

    public WebRtcLimits {
        if (maxDatagramBytes < 576 || maxDatagramBytes > 65_507 || maxTcpFrameBytes < 576 || maxTcpFrameBytes > 65_535
                || maxEndpointsPerSession < 1 || maxTcpConnections < 0 || dtlsQueueDatagrams < 8 || maxSessions < 1) {
            throw new IllegalArgumentException("bad WebRTC limits: " + this);
        }
    }
}
