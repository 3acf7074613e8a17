package io.livegate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the third-party programs end-to-end tests drive (ffmpeg, ffprobe, npm, ip netns), for every module's tests. */
public final class Commands {

    private Commands() {
    }

    /**
     * Runs {@code cmd} in {@code dir} and returns its output (stdout and stderr); fails with that output when the
     * command fails or takes longer than five minutes (npm installs on a cold cache are the slow case).
     */
    public static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(cmd + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }
}
