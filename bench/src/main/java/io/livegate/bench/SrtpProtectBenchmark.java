package io.livegate.bench;

import io.livegate.rtc.srtp.SrtpContext;
import io.livegate.rtc.srtp.SrtpKeys;
import io.livegate.rtc.srtp.SrtpProfile;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SRTP protect of one RTP packet (12-byte header + payload) in place, per profile, as a WHEP viewer's send path
 * does for every packet. The sequence number advances each call, as on the wire.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SrtpProtectBenchmark {

    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public SrtpProfile profile;

    @Param({"1200"})
    public int payload;

    private SrtpContext context;
    private byte[] packet;
    private byte[] template;
    private int seq;

    @Setup
    public void setUp() {
        byte[] key = new byte[profile.keyLength()];
        byte[] salt = new byte[profile.saltLength()];
        ThreadLocalRandom.current().nextBytes(key);
        ThreadLocalRandom.current().nextBytes(salt);
        context = new SrtpContext(new SrtpKeys(key, salt, profile));
        template = new byte[12 + payload];
        ThreadLocalRandom.current().nextBytes(template);
        template[0] = (byte) 0x80;
        template[1] = 96;
        template[8] = 0x12; // SSRC 0x12....34
        template[11] = 0x34;
        packet = new byte[template.length + 16];
    }

    @Benchmark
    public int protect() {
        System.arraycopy(template, 0, packet, 0, template.length);
        int s = seq++ & 0xFFFF;
        packet[2] = (byte) (s >> 8);
        packet[3] = (byte) s;
        return context.protectRtp(packet, 0, template.length);
    }
}
