package io.livegate.whep;

import io.livegate.rtc.dtls.DtlsCertificate;
import io.livegate.rtc.srtp.SrtpContext;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cheap WHEP viewers for fan-out measurements: each one a {@link WhepTestViewer} (real ICE, DTLS, SRTP keys) that
 * counts the SRTP it receives, loss from sequence gaps per SSRC, and SRTP-verifies every 64th packet. Loopback UDP only. Not a test:
 * {@code java -cp <test classpath> io.livegate.whep.WhepLoadTool ORIGIN PATH VIEWERS SECONDS [SERVER_PID]}.
 * With a server pid, prints the server's CPU (from /proc) over the measured window.
 */
public final class WhepLoadTool {

    private static final DtlsCertificate CERT = DtlsCertificate.generate();
    private static final long RAMP_MILLIS = 15;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong expected = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong verifyFailed = new AtomicLong();
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean measuring;

    private WhepLoadTool() {
    }

    public static void main(String[] args) throws Exception {
        String origin = args[0];
        String path = args[1];
        int viewers = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        long pid = args.length > 4 ? Long.parseLong(args[4]) : -1;
        WhepLoadTool tool = new WhepLoadTool();
        CountDownLatch ready = new CountDownLatch(viewers);
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            threads.add(Thread.ofVirtual().start(() -> tool.viewer(origin + "/" + path + "/whep", ready, done)));
            Thread.sleep(RAMP_MILLIS); // DTLS handshakes (ECDSA) of hundreds of viewers at once time out on 2 cores
        }
        ready.await();
        Thread.sleep(1000); // every viewer past its GOP burst
        long cpu0 = cpuTicks(pid);
        long t0 = System.nanoTime();
        tool.measuring = true;
        Thread.sleep((long) (seconds * 1000));
        tool.measuring = false;
        long elapsed = System.nanoTime() - t0;
        long cpu1 = cpuTicks(pid);
        done.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        double secs = elapsed / 1e9;
        double mbps = tool.bytes.get() * 8 / secs / 1e6;
        double loss = tool.expected.get() == 0 ? 0 : 1.0 - (double) tool.packets.get() / tool.expected.get();
        System.out.printf("viewers=%d connected=%d failed=%d packets=%d srtp_mbps=%.1f loss_pct=%.3f "
                        + "srtp_verified=%d srtp_failed=%d", viewers, tool.connected.get(), tool.failed.get(),
                tool.packets.get(), mbps, Math.max(0, loss) * 100, tool.verified.get(), tool.verifyFailed.get());
        if (pid > 0) {
            double cores = (cpu1 - cpu0) / 100.0 / secs; // USER_HZ = 100
            System.out.printf(" server_cores=%.2f server_cores_per_gbps=%.2f", cores, cores / (mbps / 1000));
        }
        System.out.println();
        System.exit(0);
    }

    private static long cpuTicks(long pid) throws Exception {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }

    private void viewer(String url, CountDownLatch ready, CountDownLatch done) {
        boolean counted = false;
        Map<Integer, long[]> seqs = new HashMap<>(); // ssrc -> {first extended, highest extended}; reader thread only
        WhepTestViewer[] self = new WhepTestViewer[1];
        try (WhepTestViewer v = WhepTestViewer.connect(HTTP, url, CERT,
                (buf, len) -> count(buf, len, seqs, self[0] == null ? null : self[0].srtp()))) {
            self[0] = v;
            connected.incrementAndGet();
            ready.countDown();
            counted = true;
            while (!done.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                v.checkConsent();
            }
        } catch (Exception e) {
            failed.incrementAndGet();
            System.err.println("viewer failed: " + e);
            if (!counted) {
                ready.countDown();
            }
        }
    }

    private void count(byte[] buf, int len, Map<Integer, long[]> seqs, SrtpContext srtp) {
        int first = buf[0] & 0xFF;
        if (first < 128 || first > 191 || len < 12 || ((buf[1] & 0xFF) >= 192 && (buf[1] & 0xFF) <= 223)) {
            return; // STUN answers, RTCP
        }
        if (!measuring) {
            seqs.clear();
            return;
        }
        int ssrc = ((buf[8] & 0xFF) << 24) | ((buf[9] & 0xFF) << 16) | ((buf[10] & 0xFF) << 8) | (buf[11] & 0xFF);
        int seq = ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
        long[] s = seqs.computeIfAbsent(ssrc, k -> new long[] {-1, -1});
        if (s[0] < 0) {
            s[0] = seq;
            s[1] = seq;
            expected.incrementAndGet();
        } else {
            long ext = s[1] + (short) (seq - (int) (s[1] & 0xFFFF));
            if (ext > s[1]) {
                expected.addAndGet(ext - s[1]);
                s[1] = ext;
            }
        }
        long n = packets.incrementAndGet();
        bytes.addAndGet(len);
        if ((n & 63) == 0 && srtp != null) {
            try {
                srtp.unprotectRtp(Arrays.copyOf(buf, len), 0, len);
                verified.incrementAndGet();
            } catch (RuntimeException e) {
                verifyFailed.incrementAndGet();
            }
        }
    }
}
