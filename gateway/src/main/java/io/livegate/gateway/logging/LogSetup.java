package io.livegate.gateway.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.LoggerFactory;

/** Points logback's root logger at stdout in the configured format and level. */
public final class LogSetup {

    private LogSetup() {
    }

    public static void apply(String format, String level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another slf4j backend is in charge (embedding); leave it alone
        }
        Encoder<ILoggingEvent> encoder;
        if ("json".equals(format)) {
            JsonEncoder json = new JsonEncoder();
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMDC(false);
            encoder = json;
        } else {
            LogfmtLayout layout = new LogfmtLayout();
            layout.setContext(context);
            layout.start();
            LayoutWrappingEncoder<ILoggingEvent> wrap = new LayoutWrappingEncoder<>();
            wrap.setLayout(layout);
            encoder = wrap;
        }
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(console);
        root.setLevel(Level.toLevel(level, Level.INFO));
        // Netty and Micrometer are chatty below INFO and say nothing an operator needs at info.
        context.getLogger("io.netty").setLevel(Level.toLevel(level).isGreaterOrEqual(Level.INFO) ? Level.WARN : null);
    }
}
