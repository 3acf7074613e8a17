package io.livegate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livegate.testing.Netns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For end-to-end tests: a network namespace holding only {@code lo} (Chromium then gathers 127.0.0.1 candidates and
 * nothing leaves loopback), the whole gateway started in it as the README runs it ({@code LiveGate} main on the
 * default ports, HTTP on 127.0.0.1:8080), and the clients a test starts beside it. {@link #close()} stops every
 * process started here and deletes the namespace. Needs root (ip netns) and curl.
 */
public final class NamespacedGateway implements AutoCloseable {

    /** The gateway's HTTP origin inside the namespace. */
    public static final String ORIGIN = "http://127.0.0.1:8080";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Netns ns;
    private final Path logDir;

    /** Creates the namespace {@code prefix-<random>}; logs of what runs in it go to {@code logDir}. */
    public NamespacedGateway(String prefix, Path logDir) throws IOException, InterruptedException {
        this.ns = new Netns(prefix);
        this.logDir = logDir;
    }

    /** The repository's root directory (set by the parent pom for every module's tests). */
    public static Path repoRoot() {
        return Path.of(System.getProperty("livegate.repo.root"));
    }

    /** Starts a command inside the namespace; its output goes to {@code logName} in the log directory. */
    public Process start(String logName, List<String> cmd) throws IOException {
        ProcessBuilder pb = ns.command(cmd).redirectErrorStream(true).redirectOutput(logDir.resolve(logName).toFile());
        pb.environment().put("LIVEGATE_HTTP_HOST", "127.0.0.1");
        pb.environment().put("LIVEGATE_WEBRTC_ADVERTISED_ADDRESSES", "127.0.0.1");
        return ns.start(pb);
    }

    /** Starts {@code LiveGate} main (this test's class path and JVM) and waits for {@code /healthz}. */
    public Process startGateway() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = start("gateway.log", List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                LiveGate.class.getName()));
        waitFor(() -> curl(ORIGIN + "/healthz", 1).endsWith("200"), "gateway /healthz");
        return p;
    }

    /** GET with curl inside the namespace: the body and, on the last line, the HTTP status. */
    public String curl(String url, int seconds) throws Exception {
        Process p = ns.command(List.of("curl", "-s", "-m", String.valueOf(seconds), "-w", "\n%{http_code}", url))
                .redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(seconds + 2, TimeUnit.SECONDS);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    /** {@code GET /api/v1/streams/{path}}, or null when there is no such stream (or no answer). */
    public JsonNode api(String path) throws Exception {
        String out = curl(ORIGIN + "/api/v1/streams/" + path, 3);
        return out.startsWith("{") && out.endsWith("200") ? JSON.readTree(out.substring(0, out.lastIndexOf('\n')))
                : null;
    }

    public String gatewayLog() {
        try {
            return Files.readString(logDir.resolve("gateway.log"));
        } catch (IOException e) {
            return "(no gateway log: " + e + ")";
        }
    }

    /** A condition polled by {@link #waitFor}. */
    public interface Check {
        boolean ok() throws Exception;
    }

    /** Polls {@code check} for up to 30 s; fails with the gateway's log. */
    public void waitFor(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; gateway log:\n" + gatewayLog());
    }

    /** The number after {@code "key":} in a one-line JSON report. */
    public static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + key + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }

    @Override
    public void close() throws Exception {
        ns.close();
    }
}
