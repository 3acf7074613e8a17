package io.livegate.whep;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.livegate.rtc.dtls.DtlsCertificate;
import io.livegate.rtc.rtcp.RtcpPacket;
import io.livegate.rtc.rtcp.RtcpPackets;
import io.livegate.rtc.rtcp.SenderReport;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.rtp.codec.H264Depacketizer;
import io.livegate.rtc.rtp.codec.RtpDepacketizer;
import io.livegate.rtc.srtp.SrtpContext;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lip sync as a WHEP viewer receives it, without a browser: the A/V offset a perfectly synchronising player would
 * show, from the RTP timestamps and the RTCP sender reports alone. For hour-long runs (drift) and publisher
 * reconnects, where a browser session is too heavy or too noisy. Not a test:
 * {@code java -cp <test classpath> io.livegate.whep.AvSyncProbe ORIGIN PATH SECONDS}.
 *
 * <p>The source is {@code test-clients/latency/source.sh}: a 1 kHz beep starts every whole second of stream time
 * and the video has a keyframe at the same instants (fixed 1 s GOP at 30 fps, frames n mod 30 = 0, which are
 * also the flash frames). Each beep onset is found in the decoded Opus (first sample above 0.1 after 300 ms of
 * quiet) and placed on the wall clock through the audio SSRC's latest sender report; each keyframe (reassembled by
 * rtc's H.264 depacketizer) through the video SSRC's. Offset = beep - nearest keyframe (+ = audio late), within
 * +-500 ms.
 * Prints one line per beep (seconds since start, offset ms), then a summary with the drift (least-squares
 * slope, ms per hour).
 */
public final class AvSyncProbe {

    private static final int VIDEO_PT = 108;
    private static final int AUDIO_PT = 111;
    private static final float THRESHOLD = 0.1f * 32768;
    private static final int QUIET_SAMPLES = 48_000 * 3 / 10;

    private final long startNanos = System.nanoTime();
    private final OpusDecoder opus;
    private final short[] pcm = new short[5760 * 2];
    private final List<double[]> beeps = new ArrayList<>(); // {ntp seconds, seconds since start}
    private final List<double[]> keyframes = new ArrayList<>();
    private final long[] sr = {Long.MIN_VALUE, 0, Long.MIN_VALUE, 0}; // audio ntp, rtp; video ntp, rtp
    private int audioSsrc;
    private int videoSsrc;
    private long quiet;
    private final H264Depacketizer h264 = new H264Depacketizer();
    private volatile long errors;

    private AvSyncProbe() throws Exception {
        opus = new OpusDecoder(48_000, 2);
    }

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/" + args[1] + "/whep";
        double seconds = Double.parseDouble(args[2]);
        AvSyncProbe probe = new AvSyncProbe();
        SrtpContext[] srtp = new SrtpContext[1];
        try (WhepTestViewer v = WhepTestViewer.connect(HttpClient.newHttpClient(), url, DtlsCertificate.generate(),
                (buf, len) -> {
                    if (srtp[0] != null) {
                        try {
                            probe.onDatagram(srtp[0], Arrays.copyOf(buf, len));
                        } catch (RuntimeException e) {
                            if (probe.errors++ == 0) {
                                System.err.println("first bad datagram: " + e);
                            }
                        }
                    }
                })) {
            srtp[0] = v.srtp();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            int reported = 0;
            while (System.nanoTime() < end) {
                Thread.sleep(5000);
                v.checkConsent();
                reported = probe.report(System.out, reported, false);
            }
            probe.report(System.out, reported, true);
        }
        System.exit(0);
    }

    private synchronized void onDatagram(SrtpContext srtp, byte[] d) {
        int first = d[0] & 0xFF;
        if (first < 128 || first > 191) {
            return; // STUN answers
        }
        int pt = d[1] & 0xFF;
        if (pt >= 192 && pt <= 223) {
            int len = srtp.unprotectRtcp(d, 0, d.length);
            for (RtcpPacket p : RtcpPackets.parseCompound(d, 0, len)) {
                if (p instanceof SenderReport s) {
                    int i = s.ssrc() == audioSsrc ? 0 : s.ssrc() == videoSsrc ? 2 : -1;
                    if (i >= 0) {
                        sr[i] = s.ntpTimestamp();
                        sr[i + 1] = s.rtpTimestamp();
                    }
                }
            }
            return;
        }
        int len = srtp.unprotectRtp(d, 0, d.length);
        RtpPacket p = RtpPacket.parse(d, 0, len);
        long ts = p.header().timestamp();
        if (p.header().payloadType() == AUDIO_PT) {
            audioSsrc = p.header().ssrc();
            onOpus(p.payload(), ts);
        } else if (p.header().payloadType() == VIDEO_PT) {
            videoSsrc = p.header().ssrc();
            if (h264.push(p) instanceof RtpDepacketizer.Complete c && c.keyframe()) {
                record(keyframes, ntpSeconds(2, c.rtpTimestamp(), 90_000));
            }
        }
    }

    private void onOpus(byte[] packet, long ts) {
        int n;
        try {
            n = opus.decode(packet, 0, packet.length, pcm, 0, 5760, false);
        } catch (Exception e) {
            return;
        }
        for (int i = 0; i < n; i++) {
            if (Math.abs(pcm[2 * i]) > THRESHOLD) {
                if (quiet >= QUIET_SAMPLES) {
                    record(beeps, ntpSeconds(0, ts + i, 48_000));
                }
                quiet = 0;
            } else {
                quiet++;
            }
        }
    }

    /** The wall-clock instant (NTP seconds) the sender report of {@code i} maps {@code ts} to; NaN before one. */
    private double ntpSeconds(int i, long ts, int clock) {
        if (sr[i] == Long.MIN_VALUE) {
            return Double.NaN;
        }
        double srSeconds = (sr[i] >>> 32) + (sr[i] & 0xFFFFFFFFL) / 4294967296.0;
        int delta = (int) (ts - sr[i + 1]); // 32-bit RTP arithmetic
        return srSeconds + delta / (double) clock;
    }

    private void record(List<double[]> list, double ntp) {
        if (!Double.isNaN(ntp)) {
            list.add(new double[] {ntp, (System.nanoTime() - startNanos) / 1e9});
        }
    }

    /** Prints the beeps from {@code from} on that are old enough to have their keyframe; returns the next index. */
    private synchronized int report(PrintStream out, int from, boolean last) {
        double now = (System.nanoTime() - startNanos) / 1e9;
        int i = from;
        for (; i < beeps.size() && (last || beeps.get(i)[1] < now - 2); i++) {
            double off = offsetMs(beeps.get(i)[0]);
            if (!Double.isNaN(off)) {
                out.printf("%.1f %.1f%n", beeps.get(i)[1], off);
            }
        }
        if (last) {
            summary(out);
        }
        return i;
    }

    private double offsetMs(double beep) {
        double best = Double.NaN;
        for (double[] k : keyframes) {
            double d = (beep - k[0]) * 1000;
            if (Math.abs(d) <= 500 && (Double.isNaN(best) || Math.abs(d) < Math.abs(best))) {
                best = d;
            }
        }
        return best;
    }

    private void summary(PrintStream out) {
        List<double[]> pts = new ArrayList<>();
        for (double[] b : beeps) {
            double off = offsetMs(b[0]);
            if (!Double.isNaN(off)) {
                pts.add(new double[] {b[1], off});
            }
        }
        if (pts.isEmpty()) {
            out.println("{\"beeps\":0}");
            return;
        }
        double[] offs = pts.stream().mapToDouble(x -> x[1]).sorted().toArray();
        double mt = pts.stream().mapToDouble(x -> x[0]).average().orElse(0);
        double mo = pts.stream().mapToDouble(x -> x[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] x : pts) {
            num += (x[0] - mt) * (x[1] - mo);
            den += (x[0] - mt) * (x[0] - mt);
        }
        double slopePerHour = den == 0 ? 0 : num / den * 3600;
        out.printf("{\"beeps\":%d,\"keyframes\":%d,\"paired\":%d,\"offsetMs\":{\"min\":%.1f,\"p5\":%.1f,\"p50\":%.1f,"
                        + "\"p95\":%.1f,\"max\":%.1f,\"mean\":%.1f},\"driftMsPerHour\":%.2f,\"seconds\":%.0f,\"badDatagrams\":%d}%n",
                beeps.size(), keyframes.size(), offs.length, offs[0], rank(offs, 0.05), rank(offs, 0.5),
                rank(offs, 0.95), offs[offs.length - 1], mo, slopePerHour, pts.get(pts.size() - 1)[0], errors);
    }

    private static double rank(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1 < 0 ? 0
                : (int) Math.ceil(q * sorted.length) - 1)];
    }
}
