package io.livegate.rtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The a=fingerprint value comes from an untrusted offer: only IllegalArgumentException may escape. */
class DtlsFingerprintFuzzTest {
    @FuzzTest
    void fuzzParse(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        DtlsFingerprint f;
        try {
            f = DtlsFingerprint.parse(s);
        } catch (IllegalArgumentException expected) {
            return;
        }
        assertThat(DtlsFingerprint.parse(f.toSdpValue())).isEqualTo(f);
    }
}
