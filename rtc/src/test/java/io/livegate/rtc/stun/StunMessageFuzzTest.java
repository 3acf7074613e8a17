package io.livegate.rtc.stun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/** Only {@link StunException} may escape the parser; what parses must re-encode and parse the same. */
class StunMessageFuzzTest {
    @FuzzTest
    void fuzzParse(byte[] data) {
        StunMessage m;
        try {
            m = StunMessage.parse(data, 0, data.length, StunLimits.DEFAULTS);
        } catch (StunException expected) {
            return;
        }
        m.verifyIntegrity(new byte[] {1, 2, 3});
        List<StunAttribute> plain = m.attributes().stream()
                .filter(a -> !(a instanceof StunAttribute.MessageIntegrity) && !(a instanceof StunAttribute.Fingerprint))
                .toList();
        StunMessage again = new StunMessage(m.type(), m.transactionId(), plain);
        byte[] wire = again.encode(new byte[] {9}, true);
        StunMessage back = StunMessage.parse(wire, 0, wire.length, new StunLimits(65_600, 64));
        assertThat(back.type()).isEqualTo(m.type());
        assertThat(back.attributes().subList(0, plain.size())).isEqualTo(plain);
        assertThat(back.verifyIntegrity(new byte[] {9})).isTrue();
    }
}
