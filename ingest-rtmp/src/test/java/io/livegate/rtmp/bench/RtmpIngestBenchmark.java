package io.livegate.rtmp.bench;

import io.livegate.router.StreamRouter;
import io.livegate.rtmp.RtmpConfig;
import io.livegate.rtmp.RtmpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Load benchmark (not a test): N ffmpeg processes publish the same 2.5 Mbit/s H.264+AAC file in real time
 * ({@code -re -stream_loop -1 -c copy}) to LiveGate's RTMP server, then to nginx-rtmp (Debian's
 * libnginx-mod-rtmp, one worker), and the server process's CPU time is measured over a fixed window after a
 * warm-up. Run: {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.livegate.rtmp.bench.RtmpIngestBenchmark [streams] [seconds]}.
 */
public final class RtmpIngestBenchmark {

    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "livegate-rtmp-bench");
    private static final int WARMUP_SECONDS = 5;

    private RtmpIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Files.createDirectories(WORK);
        Path source = source();
        System.out.printf(Locale.ROOT, "source %s (%d bytes, 2.5 Mbit/s target), %d streams, %d s window after %d s warm-up, %d CPUs%n",
                source, Files.size(source), streams, seconds, WARMUP_SECONDS, Runtime.getRuntime().availableProcessors());
        double livegate = runLiveGate(source, streams, seconds);
        double nginx = runNginx(source, streams, seconds);
        System.out.printf(Locale.ROOT, "RESULT livegate cpu=%.2f%% of one core per stream; nginx-rtmp cpu=%.2f%% per stream%n",
                livegate, nginx);
    }

    private static Path source() throws Exception {
        Path f = WORK.resolve("src-2500k.flv");
        if (!Files.exists(f)) {
            run(List.of("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000", "-t", "10",
                    "-c:v", "libx264", "-preset", "veryfast", "-b:v", "2350k", "-maxrate", "2400k", "-bufsize", "2400k",
                    "-g", "60", "-c:a", "aac", "-b:a", "128k", "-f", "flv", f.toString()));
        }
        return f;
    }

    private static double runLiveGate(Path source, int streams, int seconds) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        StreamRouter router = new StreamRouter();
        RtmpServer server = new RtmpServer(RtmpConfig.DEFAULTS.withPorts(0, 0), router, group);
        server.start();
        try {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long idle0 = os.getProcessCpuTime();
            Thread.sleep(5000);
            System.out.printf(Locale.ROOT, "livegate idle JVM: %.2f%% of one core%n",
                    100.0 * (os.getProcessCpuTime() - idle0) / 5e9);
            return measure("livegate", server.port(), source, streams, seconds, os::getProcessCpuTime,
                    () -> server.sessions().stream().mapToLong(s -> s.bytesIn()).sum());
        } finally {
            server.close();
            router.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static double runNginx(Path source, int streams, int seconds) throws Exception {
        Path dir = WORK.resolve("nginx");
        Files.createDirectories(dir.resolve("logs"));
        int port = 19350;
        Files.writeString(dir.resolve("nginx.conf"), """
                load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
                daemon off;
                master_process off;
                worker_processes 1;
                error_log %s/logs/error.log;
                pid %s/nginx.pid;
                events { worker_connections 1024; }
                rtmp { server { listen 127.0.0.1:%d; chunk_size 4096; application live { live on; record off; } } }
                """.formatted(dir, dir, port));
        Process nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/out.log").toFile()).start();
        try {
            Thread.sleep(500);
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("logs/out.log")));
            }
            long pid = nginx.pid();
            return measure("nginx-rtmp", port, source, streams, seconds, () -> procCpuNanos(pid), null);
        } finally {
            nginx.destroy();
            nginx.waitFor(5, TimeUnit.SECONDS);
            nginx.destroyForcibly();
        }
    }

    /** utime+stime of a process from /proc, in nanoseconds (clock ticks assumed 100 Hz, the Linux default). */
    private static long procCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double measure(String name, int port, Path source, int streams, int seconds,
                                  java.util.function.LongSupplier cpuNanos, java.util.function.LongSupplier bytesIn)
            throws Exception {
        List<Process> pubs = new ArrayList<>();
        try {
            for (int i = 0; i < streams; i++) {
                pubs.add(new ProcessBuilder("/usr/bin/ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                        "-re", "-stream_loop", "-1", "-i", source.toString(), "-c", "copy", "-f", "flv",
                        "rtmp://127.0.0.1:" + port + "/live/s" + i)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            Thread.sleep(WARMUP_SECONDS * 1000L);
            long cpu0 = cpuNanos.getAsLong();
            long bytes0 = bytesIn == null ? 0 : bytesIn.getAsLong();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu = cpuNanos.getAsLong() - cpu0;
            long wall = System.nanoTime() - t0;
            long bytes = bytesIn == null ? -1 : bytesIn.getAsLong() - bytes0;
            for (Process p : pubs) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(name + ": a publisher died (exit " + p.exitValue() + ")");
                }
            }
            double perStream = 100.0 * cpu / wall / streams;
            System.out.printf(Locale.ROOT, "%s: cpu %.3f s over %.1f s wall = %.2f%% of one core total, %.2f%% per stream%s%n",
                    name, cpu / 1e9, wall / 1e9, 100.0 * cpu / wall, perStream,
                    bytes >= 0 ? String.format(Locale.ROOT, ", %.2f Mbit/s per stream received", bytes * 8e-6 / (wall / 1e9) / streams) : "");
            return perStream;
        } finally {
            for (Process p : pubs) {
                p.destroyForcibly();
            }
            for (Process p : pubs) {
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("failed: " + cmd);
        }
    }
}
