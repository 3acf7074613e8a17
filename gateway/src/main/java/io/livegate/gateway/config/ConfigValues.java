package io.livegate.gateway.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the human-friendly scalar forms used in the config file: durations and byte sizes. */
public final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg])?b?");

    private ConfigValues() {
    }

    /** {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}; a bare number is seconds. */
    public static Duration duration(String key, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(key + ": '" + text + "' is not a duration (examples: 250ms, 10s, 5m)");
        }
        long n = number(key, text, m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static long number(String key, String text, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + text + "' is too large");
        }
    }

    /** {@code 65536}, {@code 64k}, {@code 32m}, {@code 1g} (binary multiples). */
    public static long size(String key, String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(key + ": '" + text + "' is not a size (examples: 65536, 64k, 32m)");
        }
        long n = number(key, text, m.group(1));
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            default -> 30;
        };
        if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
            throw new ConfigException(key + ": '" + text + "' is too large");
        }
        return n << shift;
    }
}
