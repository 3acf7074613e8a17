package io.livegate.gateway;

import io.livegate.gateway.config.ConfigException;
import io.livegate.gateway.config.ConfigLoader;
import io.livegate.gateway.config.GatewayConfig;
import io.livegate.gateway.logging.LogSetup;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line: {@code livegate [run] [--config FILE] | --help | --version}. */
public final class LiveGate {

    static final String USAGE = """
            Usage: livegate [run] [--config FILE]
                   livegate --help | --version

            Runs the LiveGate live-video gateway. With no --config, the built-in defaults apply
            (every key is documented in conf/livegate.yaml). Environment variables override the file:
            LIVEGATE_<SECTION>_<KEY>, e.g. LIVEGATE_HTTP_PORT=8081, LIVEGATE_LOG_FORMAT=json.

            Options:
              --config FILE   YAML configuration laid over the defaults
              --help          print this help and exit
              --version       print the version and exit
            """;

    private LiveGate() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        // After a normal stop the JVM is already shutting down (SIGTERM): exiting again would block.
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Parses arguments; for {@code run}, blocks until the JVM is asked to stop. Returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "run" -> {
                    if (i != 0) {
                        return usage(err, "'run' must come first");
                    }
                }
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--version" -> {
                    out.println("livegate " + Version.current());
                    return 0;
                }
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--config needs a file");
                    }
                    configFile = Path.of(args[++i]);
                    if (!Files.isReadable(configFile)) {
                        err.println("livegate: cannot read config file " + configFile);
                        return 1;
                    }
                }
                default -> {
                    return usage(err, "unknown argument '" + args[i] + "'");
                }
            }
        }
        GatewayConfig config;
        try {
            config = GatewayConfig.from(ConfigLoader.load(configFile, env));
        } catch (ConfigException e) {
            err.println("livegate: configuration error: " + e.getMessage());
            return 1;
        }
        LogSetup.apply(config.log().format(), config.log().level());
        Logger log = LoggerFactory.getLogger(LiveGate.class);
        Gateway gateway = new Gateway(config);
        CountDownLatch stopped = new CountDownLatch(1);
        // Registered before start: listeners answer as soon as they are bound, so a SIGTERM can come at once.
        Thread hook = new Thread(() -> {
            log.info("msg=\"shutdown requested\"");
            gateway.close();
            stopped.countDown();
        }, "livegate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            gateway.start();
        } catch (Exception e) {
            log.error("msg=\"startup failed\" error=\"{}\"", e.toString(), e);
            Runtime.getRuntime().removeShutdownHook(hook);
            return 1;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("livegate: " + problem);
        err.print(USAGE);
        return 2;
    }
}
