package io.livegate.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

class SessionDescriptionFuzzTest {

    /** Only SdpException may escape parse; parse then write then parse gives an equal model. */
    @FuzzTest(maxDuration = "30s")
    void parseWriteRoundTrip(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(text);
        } catch (SdpException e) {
            return;
        }
        assertThat(SessionDescription.parse(sdp.write())).isEqualTo(sdp);
    }
}
