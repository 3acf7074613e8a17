package io.livegate.gateway.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One logfmt line per event: {@code time=… level=… logger=… msg="…" key=value…}. Messages are written as
 * "some words key=value key=value"; the leading words become {@code msg}, the pairs are kept as they are.
 */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {

    private static final Pattern FIRST_PAIR = Pattern.compile("(^|\\s)[A-Za-z_][A-Za-z0-9_.]*=");

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("time=").append(Instant.ofEpochMilli(event.getTimeStamp()));
        sb.append(" level=").append(event.getLevel().toString().toLowerCase());
        String logger = event.getLoggerName();
        sb.append(" logger=").append(logger.substring(logger.lastIndexOf('.') + 1));
        String message = event.getFormattedMessage();
        if (message == null) {
            message = "";
        }
        if (message.startsWith("msg=")) {
            sb.append(' ').append(message);
        } else {
            Matcher m = FIRST_PAIR.matcher(message);
            if (m.find()) {
                String words = message.substring(0, m.start()).trim();
                if (!words.isEmpty()) {
                    sb.append(" msg=").append(quote(words));
                }
                sb.append(' ').append(message.substring(m.start()).trim());
            } else {
                sb.append(" msg=").append(quote(message));
            }
        }
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(kv -> sb.append(' ').append(kv.key).append('=')
                    .append(quote(String.valueOf(kv.value))));
        }
        IThrowableProxy t = event.getThrowableProxy();
        if (t != null) {
            sb.append(" error=").append(quote(t.getClassName() + ": " + t.getMessage()));
            sb.append(CoreConstants.LINE_SEPARATOR).append(ThrowableProxyUtil.asString(t));
        }
        sb.append(CoreConstants.LINE_SEPARATOR);
        return sb.toString();
    }

    static String quote(String value) {
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\';
        }
        if (plain) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
