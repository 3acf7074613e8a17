package io.livegate.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.router.StreamRouter;
import io.livegate.srt.binding.SrtException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server lifecycle without clients (needs libsrt, like the binding tests). */
class SrtServerTest {

    private final StreamRouter router = new StreamRouter();

    @AfterEach
    void close() {
        router.close();
    }

    @Test
    void startsOnAFreePortAndClosesIdempotently() {
        SrtServer server = new SrtServer(SrtConfig.DEFAULTS.withBind("127.0.0.1", 0), router);
        server.start();
        try {
            assertThat(server.port()).isBetween(1, 65535);
            assertThat(server.sessions()).isEmpty();
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        } finally {
            server.close();
            server.close();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("srt-io-" + server.port()));
    }

    @Test
    void bindsTheIpv6WildcardDualStack() {
        SrtServer server = new SrtServer(SrtConfig.DEFAULTS.withBind("::", 0), router);
        server.start();
        try {
            assertThat(server.port()).isPositive();
        } finally {
            server.close();
        }
    }

    @Test
    void aTakenPortFailsWithLibsrtsReason() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            SrtServer server = new SrtServer(SrtConfig.DEFAULTS.withBind("127.0.0.1", taken.getLocalPort()), router);
            assertThatThrownBy(server::start).isInstanceOf(SrtException.class).hasMessageContaining("srt_bind");
            server.close();
        }
    }

    @Test
    void aBindHostThatIsNoAddressIsAConfigError() {
        SrtServer server = new SrtServer(SrtConfig.DEFAULTS.withBind("no such host.invalid", 0), router);
        assertThatThrownBy(server::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such host.invalid");
    }
}
