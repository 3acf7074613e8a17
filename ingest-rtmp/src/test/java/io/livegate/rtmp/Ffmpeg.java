package io.livegate.rtmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the ffmpeg CLI for e2e tests; always bounded in time, always destroyed. */
final class Ffmpeg implements AutoCloseable {
    static final String BIN = "/usr/bin/ffmpeg";

    final Process process;
    final Path log;

    private Ffmpeg(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts ffmpeg with a test pattern and a sine tone, encoding video and audio as given, to {@code url}. */
    static Ffmpeg publish(String url, double seconds, boolean realtime, List<String> videoArgs, List<String> audioArgs,
                          int sampleRate, List<String> extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(BIN, "-hide_banner", "-nostdin", "-loglevel", "warning"));
        if (realtime) {
            cmd.add("-re");
        }
        cmd.addAll(List.of("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30"));
        if (audioArgs != null) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "sine=f=440:sample_rate=" + sampleRate));
        }
        cmd.addAll(List.of("-t", Double.toString(seconds)));
        cmd.addAll(videoArgs);
        if (audioArgs != null) {
            cmd.addAll(audioArgs);
        }
        cmd.addAll(extra);
        cmd.addAll(List.of("-f", "flv", url));
        Path log = Files.createTempFile("ffmpeg", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Ffmpeg(p, log);
    }

    /** Waits for exit (bounded) and returns the exit code. */
    int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("ffmpeg still running after " + seconds + " s; log:\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}
