package io.livegate.rtc.dtls;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * BC's {@link DatagramTransport} over datagrams handed in by the port demux. {@link #offer} is
 * called on the event loop and never blocks: when the bounded queue is full the datagram is dropped
 * (DTLS retransmits). {@link #receive} blocks the handshake thread only. Sending goes through the
 * given sink, which must not block either.
 */
public final class DtlsPacketTransport implements DatagramTransport {
    /** A handshake flight is a handful of datagrams; 64 absorbs retransmissions from a noisy peer. */
    public static final int DEFAULT_QUEUE_CAPACITY = 64;
    /** Ethernet MTU; larger DTLS datagrams cannot arrive on the UDP path. */
    static final int RECEIVE_LIMIT = 1500;

    /** Queued by {@link #close} to wake a blocked {@link #receive}. */
    private static final byte[] CLOSED_MARKER = new byte[0];

    private final BlockingQueue<byte[]> inbound;
    private final Consumer<byte[]> sink;
    private final int mtu;
    private volatile boolean closed;

    /**
     * @param sink where outgoing DTLS datagrams go (the selected ICE pair)
     * @param mtu  largest datagram we send
     */
    public DtlsPacketTransport(Consumer<byte[]> sink, int mtu, int queueCapacity) {
        this.inbound = new ArrayBlockingQueue<>(queueCapacity);
        this.sink = sink;
        this.mtu = mtu;
    }

    /** Hands in one received DTLS datagram; false when dropped because the queue is full or closed. */
    public boolean offer(byte[] datagram) {
        return !closed && datagram.length <= RECEIVE_LIMIT && inbound.offer(datagram);
    }

    /** True when datagrams wait to be read. */
    public boolean hasPending() {
        return !inbound.isEmpty();
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return mtu;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        byte[] d;
        try {
            d = inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (d == CLOSED_MARKER) {
            throw new IOException("DTLS transport closed");
        }
        if (d == null) {
            if (closed) {
                throw new IOException("DTLS transport closed");
            }
            return -1;
        }
        int n = Math.min(len, d.length);
        System.arraycopy(d, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        sink.accept(copy);
    }

    /** Closes the transport; a handshake blocked in {@link #receive} fails within its poll interval. */
    @Override
    public void close() {
        closed = true;
        inbound.clear();
        inbound.offer(CLOSED_MARKER);
    }

    public boolean isClosed() {
        return closed;
    }
}
