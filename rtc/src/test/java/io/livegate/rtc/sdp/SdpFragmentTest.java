package io.livegate.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SdpFragmentTest {

    /** The shape of a WHIP trickle PATCH body (RFC 9725 4.3.1 example, with our own values). */
    private static final String TRICKLE = "a=ice-options:trickle ice2\r\na=group:BUNDLE 0 1\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=ice-ufrag:EsAw\r\na=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y\r\n"
            + "a=candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0 ufrag EsAw network-id 1\r\n"
            + "a=candidate:3471623853 1 udp 2122194687 198.51.100.2 61765 typ host generation 0 ufrag EsAw network-id 2\r\n"
            + "a=end-of-candidates\r\n";

    @Test
    void trickleFragmentGivesCredentialsAndCandidates() {
        SdpFragment f = SdpFragment.parse(TRICKLE);
        assertThat(f.iceUfrag()).isEqualTo("EsAw");
        assertThat(f.icePwd()).isEqualTo("bP+XJMM09aR8AiX1jdukzR6Y");
        assertThat(f.candidates()).hasSize(2);
        assertThat(f.candidates().get(1).address()).isEqualTo("198.51.100.2");
        assertThat(f.endOfCandidates()).isTrue();
        assertThat(f.media().get(0).mid()).isEqualTo("0");
        assertThat(f.write()).isEqualTo(TRICKLE);
        assertThat(SdpFragment.parse(f.write())).isEqualTo(f);
    }

    @Test
    void fragmentsRejectSessionLines() {
        assertThatThrownBy(() -> SdpFragment.parse("v=0\r\na=ice-ufrag:x\r\n")).extracting("reason")
                .isEqualTo(SdpException.Reason.MALFORMED_LINE);
    }
}
