package io.livegate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace holding only {@code lo}, for end-to-end tests with real clients: Chromium in it gathers only
 * 127.0.0.1 candidates and nothing leaves loopback. Processes started here are stopped by {@link #close()}, which
 * then deletes the namespace. Needs root (ip netns).
 */
public final class Netns implements AutoCloseable {

    private final String name;
    private final List<Process> processes = new ArrayList<>();

    /** Creates the namespace {@code prefix-<random>}. */
    public Netns(String prefix) throws IOException, InterruptedException {
        this.name = prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        Commands.run(Path.of("."), List.of("ip", "netns", "add", name));
        Commands.run(Path.of("."), List.of("ip", "-n", name, "link", "set", "lo", "up"));
    }

    public String name() {
        return name;
    }

    /** A process builder for {@code cmd} inside the namespace; start it with {@link #start}. */
    public ProcessBuilder command(List<String> cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(cmd);
        return new ProcessBuilder(full);
    }

    /** Starts {@code pb} (from {@link #command}) and stops it at {@link #close()}. */
    public Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    /**
     * Copies a Node.js client ({@code files}, one of them its package.json) from {@code from} to {@code to} and
     * installs its dependencies there once.
     */
    public static synchronized void installNodeClient(Path to, Path from, String... files) throws Exception {
        Files.createDirectories(to);
        for (String f : files) {
            Files.copy(from.resolve(f), to.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(to.resolve("node_modules/playwright-core"))) {
            Commands.run(to, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
        }
    }

    /** Stops every process started here and deletes the namespace. */
    @Override
    public void close() throws IOException, InterruptedException {
        synchronized (processes) {
            for (Process p : processes) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Commands.run(Path.of("."), List.of("ip", "netns", "del", name));
    }
}
