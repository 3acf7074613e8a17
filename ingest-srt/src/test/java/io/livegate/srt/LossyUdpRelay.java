package io.livegate.srt;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback UDP relay for one caller that drops a fraction of the caller's SRT data packets (this machine has no
 * netem). Each sequence number is dropped at most once and control packets pass, so every loss is recoverable
 * by one retransmission well within any latency: the test can then insist that nothing is lost for good.
 */
final class LossyUdpRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final InetSocketAddress server;
    private final double loss;
    private final Random random = new Random(7);
    private final Set<Integer> droppedOnce = new HashSet<>();
    private volatile SocketAddress client;
    final AtomicLong dropped = new AtomicLong();
    private final Thread up;
    private final Thread down;

    LossyUdpRelay(int serverPort, double loss) throws SocketException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        this.front = new DatagramSocket(new InetSocketAddress(lo, 0));
        this.back = new DatagramSocket(new InetSocketAddress(lo, 0));
        this.server = new InetSocketAddress(lo, serverPort);
        this.loss = loss;
        this.up = new Thread(() -> pump(front, true), "relay-up");
        this.down = new Thread(() -> pump(back, false), "relay-down");
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
    }

    int port() {
        return front.getLocalPort();
    }

    /** SRT header (RFC draft-sharabayko-srt 3.1): bit 0 clear marks a data packet; then a 31-bit sequence. */
    private boolean drop(byte[] b, int len) {
        if (len < 16 || (b[0] & 0x80) != 0) {
            return false;
        }
        int seq = (b[0] & 0x7f) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
        return !droppedOnce.contains(seq) && random.nextDouble() < loss && droppedOnce.add(seq);
    }

    private void pump(DatagramSocket from, boolean towardsServer) {
        byte[] buf = new byte[2048];
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                from.receive(p);
                if (towardsServer) {
                    client = p.getSocketAddress();
                }
                if (towardsServer && drop(buf, p.getLength())) {
                    dropped.incrementAndGet();
                    continue;
                }
                SocketAddress to = towardsServer ? server : client;
                (towardsServer ? back : front).send(new DatagramPacket(buf, p.getLength(), to));
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        back.close();
        up.join(1000);
        down.join(1000);
    }
}
