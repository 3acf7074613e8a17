package io.livegate.srt.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Needs libsrt1.5-openssl (CI installs it, like the e2e clients). */
class SrtBindingTest {

    @Test
    void structLayoutMatchesTheCSizes() {
        assertThat(new SrtTraceStats().size()).isEqualTo(SrtTraceStats.C_SIZE);
    }

    @Test
    void loadsLibsrtOneFive() {
        Srt srt = Srt.load();
        assertThat(srt.version()).startsWith("1.5.");
    }

    @Test
    void aMissingLibraryIsAClearError() {
        assertThatThrownBy(() -> Srt.loadLibrary("libsrt-missing.so.9", "srt-missing"))
                .isInstanceOf(SrtException.class)
                .hasMessageContaining("apt-get install libsrt1.5-openssl")
                .hasMessageContaining("libsrt-missing.so.9, srt-missing")
                .satisfies(e -> assertThat(((SrtException) e).reason()).isEqualTo(SrtException.Reason.LIBRARY_MISSING));
    }

    @Test
    void socketOptionsRoundTripAndErrorsCarryLibsrtsText() {
        Srt srt = Srt.load();
        srt.startup();
        int s = srt.createSocket();
        try {
            srt.setInt(s, SrtOption.LATENCY, 250);
            assertThat(srt.getInt(s, SrtOption.RCVLATENCY)).isEqualTo(250);
            srt.setString(s, SrtOption.STREAMID, "#!::r=live/x");
            assertThat(srt.getString(s, SrtOption.STREAMID, 512)).isEqualTo("#!::r=live/x");
            assertThat(srt.state(s)).isEqualTo(SrtSocketState.INIT);
            assertThatThrownBy(() -> srt.setPassphrase(s, "short")).isInstanceOf(SrtException.class)
                    .hasMessageContaining("10..79");
            assertThatThrownBy(() -> srt.listen(s, 1)).isInstanceOf(SrtException.class)
                    .satisfies(e -> assertThat(((SrtException) e).code()).isPositive())
                    .hasMessageContaining("srt_listen failed");
            srt.bind(s, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            srt.listen(s, 1);
            assertThat(srt.state(s)).isEqualTo(SrtSocketState.LISTENING);
            assertThatThrownBy(() -> srt.stats(s)).isInstanceOf(SrtException.class)
                    .hasMessageContaining("Connection does not exist (2002)"); // a listener has no statistics
        } finally {
            srt.close(s);
            srt.cleanup();
        }
    }

    @Test
    void sockaddrRoundTrip() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 9000);
        byte[] a = SockAddr.encode(v4);
        assertThat(a).hasSize(16);
        assertThat(a[0]).isEqualTo((byte) 2);
        assertThat(a[2]).isEqualTo((byte) 0x23); // 9000 = 0x2328, network order
        assertThat(SockAddr.decode(a, a.length)).isEqualTo(v4);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 1234);
        byte[] b = SockAddr.encode(v6);
        assertThat(b).hasSize(28);
        assertThat(SockAddr.decode(b, b.length)).isEqualTo(v6);
        assertThat(SockAddr.decode(new byte[] {99, 0, 0, 0}, 4)).isNull();
    }
}
