package io.livegate.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SrtConfigTest {

    @Test
    void defaults() {
        SrtConfig c = SrtConfig.DEFAULTS;
        assertThat(c.bindHost()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.latency().toMillis()).isEqualTo(120);
        assertThat(c.passphrase()).isNull();
        assertThat(c.passphraseFor("live/x")).isNull();
    }

    @Test
    void passphrasesMustFitLibsrtsLengthRule() {
        assertThatThrownBy(() -> SrtConfig.DEFAULTS.withPassphrases("short", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10..79 bytes, was 5");
        assertThatThrownBy(() -> SrtConfig.DEFAULTS.withPassphrases(null, Map.of("live/a", "x".repeat(80))))
                .hasMessageContaining("passphrase of live/a");
    }
}
