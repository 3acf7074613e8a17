package io.livegate.bench;

import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.rtc.rtp.codec.H264Packetizer;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * H.264 packetization (RFC 6184 FU-A, 1200-byte payloads) of a 60 KB IDR frame with SPS/PPS, reported per RTP
 * packet produced. This runs once per stream, not per viewer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class H264PacketizeBenchmark {

    /** 60,000 bytes of IDR slice at 1200-byte payloads: 51 FU-A packets plus one STAP-A of SPS/PPS. */
    static final int PACKETS = 52;

    private H264Packetizer packetizer;
    private Frame frame;

    @Setup
    public void setUp() {
        byte[] slice = new byte[60_000];
        ThreadLocalRandom.current().nextBytes(slice);
        slice[0] = 0x65;
        var params = new CodecParameters.H264Parameters(List.of(new byte[] {0x67, 0x42, (byte) 0xc0, 0x1f, 1, 2, 3}),
                List.of(new byte[] {0x68, (byte) 0xce, 0x3c, (byte) 0x80}));
        packetizer = new H264Packetizer(params);
        frame = new Frame(0, 0, 0, true, new Payload.NalUnits(List.of(slice)), 0);
        int n = packetizer.packetize(frame, 1200).size();
        if (n != PACKETS) {
            throw new IllegalStateException("expected " + PACKETS + " packets, packetizer made " + n);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public List<byte[]> packetizeIdr() {
        return packetizer.packetize(frame, 1200);
    }
}
