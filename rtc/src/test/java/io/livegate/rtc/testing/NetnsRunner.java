package io.livegate.rtc.testing;

import io.livegate.testing.Netns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * For browser end-to-end tests of a WebRTC module: a network namespace holding only {@code lo} (Chromium then
 * gathers 127.0.0.1 candidates and nothing leaves loopback), a test server JVM started in it from the test
 * classpath, and the clients a test runs beside it. {@link #close()} stops every process started here and deletes
 * the namespace. Needs root (ip netns).
 */
public final class NetnsRunner implements AutoCloseable {

    private final Netns ns;
    private final Path dir;

    /** Creates the namespace {@code prefix-<random>}; logs go to {@code dir}. */
    public NetnsRunner(String prefix, Path dir) throws IOException, InterruptedException {
        this.ns = new Netns(prefix);
        this.dir = dir;
    }

    /** Starts {@code cmd} in the namespace from {@code workDir}, stdout and stderr merged. */
    public Process start(Path workDir, List<String> cmd) throws IOException {
        return ns.start(ns.command(cmd).directory(workDir.toFile()).redirectErrorStream(true));
    }

    /**
     * Starts {@code main} of the test classpath in the namespace, with paranoid leak detection and the module's
     * logback-test.xml; its stderr goes to {@code server.log} in the directory, its stdout lines are kept.
     */
    public TestServer startServer(Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", cp,
                "-Dio.netty.leakDetection.level=paranoid", "--enable-native-access=ALL-UNNAMED",
                "-Dlogback.configurationFile=" + Path.of("src", "test", "resources", "logback-test.xml")
                        .toAbsolutePath(), main.getName()));
        cmd.addAll(List.of(args));
        Process p = ns.start(ns.command(cmd).redirectError(dir.resolve("server.log").toFile()));
        return new TestServer(p, dir.resolve("server.log"));
    }

    /**
     * A test server's process. It prints {@code READY <origin>} once it listens, and what it saw when its stdin
     * closes, then exits.
     */
    public static final class TestServer {
        private final Process process;
        private final Path log;
        private final List<String> out = new ArrayList<>();
        private final CompletableFuture<String> ready = new CompletableFuture<>();
        private final Thread reader;

        TestServer(Process process, Path log) {
            this.process = process;
            this.log = log;
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (String l; (l = lines.readLine()) != null; ) {
                        synchronized (out) {
                            out.add(l);
                        }
                        if (l.startsWith("READY ")) {
                            ready.complete(l.substring(6).trim());
                        }
                    }
                } catch (IOException e) {
                    ready.completeExceptionally(e);
                }
                ready.completeExceptionally(new IllegalStateException("server exited"));
            });
        }

        /** The origin it printed in its READY line; fails with its log when it does not start within 60 s. */
        public String awaitReady() throws IOException {
            try {
                return ready.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("server did not start: " + Files.readString(log), e);
            }
        }

        /** Closes its stdin (it prints what it saw and exits) and waits for it. */
        public void finish() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already gone
            }
            process.waitFor(15, TimeUnit.SECONDS);
            reader.join(5000);
        }

        /** Its stdout so far. */
        public List<String> output() {
            synchronized (out) {
                return List.copyOf(out);
            }
        }

        /** Its stderr (the log). */
        public String log() throws IOException {
            return Files.readString(log);
        }
    }

    /** Stops every process started here and deletes the namespace. */
    @Override
    public void close() throws IOException, InterruptedException {
        ns.close();
    }
}
