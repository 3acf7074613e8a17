package io.livegate.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TranscodeConfigTest {

    @Test
    void defaultsAndPerPathBitrates() {
        TranscodeConfig d = TranscodeConfig.DEFAULTS;
        assertThat(d.enabled()).isTrue();
        assertThat(d.opusBitrate()).isEqualTo(96_000);
        assertThat(d.complexity()).isEqualTo(5);
        assertThat(d.workerThreads()).isEqualTo(2);
        assertThat(d.pathBitrates()).isEmpty();
        TranscodeConfig c = new TranscodeConfig(true, 64_000, 3, 1, Map.of("live/a", 0, "live/b", 128_000));
        assertThat(c.bitrateFor("live/a")).isZero();
        assertThat(c.bitrateFor("live/b")).isEqualTo(128_000);
        assertThat(c.bitrateFor("live/c")).isEqualTo(64_000);
        assertThat(new TranscodeConfig(false, 64_000, 3, 1, Map.of()).bitrateFor("live/c")).isZero();
    }

    @Test
    void refusesOutOfRangeValuesNamingThem() {
        assertThatThrownBy(() -> new TranscodeConfig(true, 5_000, 5, 2, Map.of()))
                .hasMessageContaining("opusBitrate").hasMessageContaining("5000");
        assertThatThrownBy(() -> new TranscodeConfig(true, 96_000, 11, 2, Map.of())).hasMessageContaining("complexity");
        assertThatThrownBy(() -> new TranscodeConfig(true, 96_000, 5, 0, Map.of())).hasMessageContaining("workerThreads");
        assertThatThrownBy(() -> new TranscodeConfig(true, 96_000, 5, 2, Map.of("live/x", 1_000_000)))
                .hasMessageContaining("live/x");
    }
}
