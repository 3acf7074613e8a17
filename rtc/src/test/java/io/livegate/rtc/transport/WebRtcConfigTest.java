package io.livegate.rtc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebRtcConfigTest {
    @Test
    void defaults() {
        WebRtcConfig c = WebRtcConfig.DEFAULTS;
        assertThat(c.bindHost()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8189);
        assertThat(c.iceTcp()).isTrue();
        assertThat(c.publicAddress()).isNull();
        assertThat(c.consentTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.dtlsHandshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.advertisedAddresses()).isNotEmpty().allSatisfy(a -> {
            assertThat(a.isAnyLocalAddress()).isFalse();
            assertThat(a.isLinkLocalAddress()).isFalse();
        });
        assertThat(c.limits()).isEqualTo(WebRtcLimits.DEFAULTS);
    }

    @Test
    void onlyLoopbackFallsBackTo127001() {
        List<InetAddress> m = WebRtcConfig.machineAddresses();
        if (m.size() == 1 && m.get(0).isLoopbackAddress()) {
            assertThat(m.get(0).getHostAddress()).isEqualTo("127.0.0.1");
        } else {
            assertThat(m).noneMatch(InetAddress::isLoopbackAddress);
        }
    }

    @Test
    void rejectsNonsense() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        assertThatThrownBy(() -> WebRtcConfig.DEFAULTS.withAdvertisedAddresses(List.of(any)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebRtcConfig.DEFAULTS.withPublicAddress(InetAddress.getByName("224.0.0.1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebRtcConfig.DEFAULTS.withPort(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebRtcConfig.DEFAULTS.withConsentTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebRtcConfig.DEFAULTS.withAdvertisedAddresses(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        // a public address alone is enough
        InetAddress pub = InetAddress.getByName("203.0.113.9");
        assertThat(WebRtcConfig.DEFAULTS.withPublicAddress(pub).withAdvertisedAddresses(List.of()).publicAddress()).isEqualTo(pub);
    }
}
