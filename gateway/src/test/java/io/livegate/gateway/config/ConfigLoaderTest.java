package io.livegate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void embeddedDefaultsBindAndEveryDocumentedKeyIsUsed() {
        ConfigTree tree = ConfigLoader.load(null, Map.of());
        GatewayConfig c = GatewayConfig.from(tree);
        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.http().maxBodySize()).isEqualTo(64 * 1024);
        assertThat(c.log().format()).isEqualTo("logfmt");
        assertThat(c.router().gracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.router().gopCacheMaxBytes()).isEqualTo(32L << 20);
        assertThat(tree.unreadKeys()).as("keys in conf/livegate.yaml that nothing reads").isEmpty();
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws Exception {
        Path f = dir.resolve("my.yaml");
        Files.writeString(f, """
                http:
                  port: 9090
                router:
                  grace_period: 30s
                  allow_takeover: true
                """);
        GatewayConfig c = GatewayConfig.from(ConfigLoader.load(f, Map.of(
                "LIVEGATE_HTTP_PORT", "8181", "LIVEGATE_LOG_FORMAT", "json", "PATH", "/usr/bin")));
        assertThat(c.http().port()).isEqualTo(8181);
        assertThat(c.log().format()).isEqualTo("json");
        assertThat(c.router().gracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.router().allowTakeover()).isTrue();
        assertThat(c.http().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void environmentKeysWithUnderscoresResolve() {
        GatewayConfig c = GatewayConfig.from(ConfigLoader.load(null, Map.of(
                "LIVEGATE_ROUTER_GRACE_PERIOD", "250ms", "LIVEGATE_ROUTER_GOP_CACHE_MAX_FRAMES", "7")));
        assertThat(c.router().gracePeriod()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.router().gopCacheMaxFrames()).isEqualTo(7);
    }

    @Test
    void unknownKeysAndBadValuesAreClearErrors() throws Exception {
        Path f = dir.resolve("typo.yaml");
        Files.writeString(f, "http:\n  prot: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.prot");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LIVEGATE_NOPE", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LIVEGATE_NOPE");
        assertThatThrownBy(() -> GatewayConfig.from(ConfigLoader.load(null, Map.of("LIVEGATE_HTTP_PORT", "70000"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
        assertThatThrownBy(() -> GatewayConfig.from(ConfigLoader.load(null,
                Map.of("LIVEGATE_ROUTER_GRACE_PERIOD", "soon"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("router.grace_period");
        assertThatThrownBy(() -> GatewayConfig.from(ConfigLoader.load(null, Map.of("LIVEGATE_LOG_FORMAT", "xml"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("logfmt, json");
        Path notMap = dir.resolve("list.yaml");
        Files.writeString(notMap, "- a\n- b\n");
        assertThatThrownBy(() -> ConfigLoader.load(notMap, Map.of())).isInstanceOf(ConfigException.class);
    }

    @Test
    void durationsAndSizesParse() {
        assertThat(ConfigValues.duration("k", "1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ConfigValues.duration("k", "2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ConfigValues.duration("k", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigValues.size("k", "64k")).isEqualTo(65536);
        assertThat(ConfigValues.size("k", "1g")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> ConfigValues.size("k", "99999999999999999g")).isInstanceOf(ConfigException.class);
    }
}
