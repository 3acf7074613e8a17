package io.livegate.whep;

import io.livegate.rtc.dtls.DtlsCertificate;
import io.livegate.rtc.dtls.DtlsConfig;
import io.livegate.rtc.dtls.DtlsFingerprint;
import io.livegate.rtc.dtls.DtlsHandshake;
import io.livegate.rtc.dtls.DtlsPacketTransport;
import io.livegate.rtc.dtls.DtlsRole;
import io.livegate.rtc.dtls.DtlsSession;
import io.livegate.rtc.dtls.SrtpKeyingMaterial;
import io.livegate.rtc.ice.IceCredentials;
import io.livegate.rtc.srtp.SrtpContext;
import io.livegate.rtc.srtp.SrtpKeys;
import io.livegate.rtc.srtp.SrtpProfile;
import io.livegate.rtc.stun.StunAttribute;
import io.livegate.rtc.stun.StunCredentials;
import io.livegate.rtc.stun.StunMessage;
import io.livegate.rtc.stun.StunMessageType;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cheap WHEP viewers for fan-out measurements: each one POSTs an H.264 + Opus offer, does real ICE (a
 * controlling check with USE-CANDIDATE) and a real DTLS client handshake, then counts the SRTP it receives,
 * loss from sequence gaps per SSRC, and SRTP-verifies every 64th packet. Loopback UDP only. Not a test:
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
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setReceiveBufferSize(1 << 20);
            IceCredentials local = IceCredentials.random();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/sdp").POST(HttpRequest.BodyPublishers.ofString(
                            offer(local, CERT.fingerprint().toSdpValue()))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("POST " + r.statusCode() + ": " + r.body());
            }
            String answer = r.body();
            IceCredentials server = new IceCredentials(line(answer, "a=ice-ufrag:"), line(answer, "a=ice-pwd:"));
            DtlsFingerprint fp = DtlsFingerprint.parse(line(answer, "a=fingerprint:"));
            int port = -1;
            for (String l : answer.split("\r\n")) {
                if (l.startsWith("a=candidate:") && l.contains(" udp ")) {
                    port = Integer.parseInt(l.split(" ")[5]);
                }
            }
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            DtlsPacketTransport dtls = new DtlsPacketTransport(d -> send(socket, target, d), DtlsConfig.DEFAULT_MTU,
                    256);
            SrtpContext[] srtp = new SrtpContext[1];
            Thread reader = Thread.ofVirtual().start(() -> receive(socket, dtls, srtp));
            send(socket, target, check(server, local));
            DtlsSession session = DtlsHandshake.run(DtlsRole.CLIENT, CERT, fp, dtls, DtlsConfig.DEFAULTS);
            SrtpKeyingMaterial km = session.keyingMaterial();
            SrtpProfile profile = SrtpProfile.fromDtlsId(km.profile().id());
            srtp[0] = new SrtpContext(new SrtpKeys(km.unprotectKey(DtlsRole.CLIENT), km.unprotectSalt(DtlsRole.CLIENT),
                    profile));
            connected.incrementAndGet();
            ready.countDown();
            counted = true;
            while (!done.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                send(socket, target, check(server, local)); // consent freshness (RFC 7675)
            }
            HTTP.send(HttpRequest.newBuilder(URI.create(url).resolve(r.headers().firstValue("Location").orElseThrow()))
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
            socket.close();
            reader.join(2000);
        } catch (Exception e) {
            failed.incrementAndGet();
            System.err.println("viewer failed: " + e);
            if (!counted) {
                ready.countDown();
            }
        }
    }

    private void receive(DatagramSocket socket, DtlsPacketTransport dtls, SrtpContext[] srtp) {
        byte[] buf = new byte[2048];
        Map<Integer, long[]> seqs = new HashMap<>(); // ssrc -> {first extended, highest extended, counted}
        long n = 0;
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                int len = p.getLength();
                int first = buf[0] & 0xFF;
                if (first >= 20 && first <= 63) {
                    dtls.offer(Arrays.copyOf(buf, len));
                    continue;
                }
                if (first < 128 || first > 191 || len < 12 || ((buf[1] & 0xFF) >= 192 && (buf[1] & 0xFF) <= 223)) {
                    continue; // STUN answers, RTCP
                }
                if (!measuring) {
                    seqs.clear();
                    continue;
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
                packets.incrementAndGet();
                bytes.addAndGet(len);
                if ((n++ & 63) == 0 && srtp[0] != null) {
                    try {
                        srtp[0].unprotectRtp(Arrays.copyOf(buf, len), 0, len);
                        verified.incrementAndGet();
                    } catch (RuntimeException e) {
                        verifyFailed.incrementAndGet();
                    }
                }
            }
        } catch (Exception closed) {
            // socket closed
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, byte[] d) {
        try {
            socket.send(new DatagramPacket(d, d.length, to));
        } catch (Exception e) {
            // closing
        }
    }

    private static byte[] check(IceCredentials server, IceCredentials local) {
        byte[] tid = new byte[12];
        ThreadLocalRandom.current().nextBytes(tid);
        return new StunMessage(StunMessageType.BINDING_REQUEST, tid, List.of(
                new StunAttribute.Username(server.ufrag() + ":" + local.ufrag()),
                new StunAttribute.Priority(1853824767L),
                new StunAttribute.IceControlling(ThreadLocalRandom.current().nextLong()),
                new StunAttribute.UseCandidate())).encode(StunCredentials.shortTermKey(server.pwd()), true);
    }

    private static String line(String sdp, String prefix) {
        for (String l : sdp.split("\r\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length());
            }
        }
        throw new IllegalStateException("answer without " + prefix);
    }

    private static String offer(IceCredentials ice, String fingerprint) {
        String common = "c=IN IP4 0.0.0.0\r\na=ice-ufrag:" + ice.ufrag() + "\r\na=ice-pwd:" + ice.pwd()
                + "\r\na=fingerprint:" + fingerprint + "\r\na=setup:actpass\r\na=recvonly\r\na=rtcp-mux\r\n";
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 108 109\r\n" + common + "a=mid:0\r\n"
                + "a=rtpmap:108 H264/90000\r\na=rtcp-fb:108 nack\r\na=rtcp-fb:108 nack pli\r\n"
                + "a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n"
                + "a=rtpmap:109 rtx/90000\r\na=fmtp:109 apt=108\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" + common + "a=mid:1\r\na=rtpmap:111 opus/48000/2\r\n";
    }
}
