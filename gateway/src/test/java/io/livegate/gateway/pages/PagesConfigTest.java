package io.livegate.gateway.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.gateway.config.ConfigException;
import io.livegate.gateway.config.ConfigLoader;
import io.livegate.gateway.config.ConfigTree;
import io.livegate.gateway.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code pages:} section of {@code conf/livegate.yaml}. */
class PagesConfigTest {

    @TempDir
    Path dir;

    @Test
    void pagesAreOnByDefaultAndTheSectionIsRead() {
        ConfigTree tree = ConfigLoader.load(null, Map.of());
        assertThat(GatewayConfig.from(tree).pages().enabled()).isTrue();
        assertThat(tree.unreadKeys()).as("keys nothing reads").noneMatch(k -> k.startsWith("pages"));
    }

    @Test
    void fileAndEnvironmentTurnThemOff() throws Exception {
        assertThat(GatewayConfig.from(ConfigLoader.load(null, Map.of("LIVEGATE_PAGES_ENABLED", "false")))
                .pages().enabled()).isFalse();
        Path f = dir.resolve("off.yaml");
        Files.writeString(f, "pages:\n  enabled: off\n");
        assertThat(GatewayConfig.from(ConfigLoader.load(f, Map.of())).pages().enabled()).isFalse();
    }

    @Test
    void badValuesAndUnknownKeysNameTheKey() throws Exception {
        assertThatThrownBy(() -> GatewayConfig.from(ConfigLoader.load(null, Map.of("LIVEGATE_PAGES_ENABLED", "maybe"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pages.enabled");
        Path f = dir.resolve("typo.yaml");
        Files.writeString(f, "pages:\n  enable: true\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pages.enable");
    }
}
