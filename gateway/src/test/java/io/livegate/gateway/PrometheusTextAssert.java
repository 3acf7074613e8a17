package io.livegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks text against the Prometheus exposition format 0.0.4, line by line. */
final class PrometheusTextAssert {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String VALUE = "(?:[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+)|NaN|[+-]Inf)";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(?:\\{(?:" + LABEL + ")(?:," + LABEL + ")*,?\\})? " + VALUE + "(?: -?\\d+)?");

    private PrometheusTextAssert() {
    }

    static void assertValid(String text) {
        assertThat(text).endsWith("\n");
        Set<String> typed = new HashSet<>();
        int samples = 0;
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP")) {
                assertThat(HELP.matcher(line).matches()).as("HELP line: %s", line).isTrue();
            } else if (line.startsWith("# TYPE")) {
                var m = TYPE.matcher(line);
                assertThat(m.matches()).as("TYPE line: %s", line).isTrue();
                assertThat(typed.add(m.group(1))).as("TYPE given once: %s", line).isTrue();
            } else if (line.startsWith("#")) {
                continue;
            } else {
                assertThat(SAMPLE.matcher(line).matches()).as("sample line: %s", line).isTrue();
                samples++;
            }
        }
        assertThat(samples).isGreaterThan(10);
    }
}
