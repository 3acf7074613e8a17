package io.livegate.srt.binding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLimiterTest {

    @Test
    void logsAFewPerWindowThenReportsWhatItLeftOut() {
        LogLimiter l = new LogLimiter(2, 1000);
        assertThat(l.admit(0)).isZero();
        assertThat(l.admit(1)).isZero();
        assertThat(l.admit(2)).isEqualTo(-1);
        assertThat(l.admit(999)).isEqualTo(-1);
        assertThat(l.admit(1000)).isEqualTo(2);
        assertThat(l.admit(1001)).isZero();
        assertThat(l.admit(1002)).isEqualTo(-1);
    }
}
