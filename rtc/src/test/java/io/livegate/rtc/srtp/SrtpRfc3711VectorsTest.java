package io.livegate.rtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.rtc.srtp.SrtpKeyDerivation.SessionKeys;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix B.2 (key derivation) and B.3 (AES-CM keystream). */
class SrtpRfc3711VectorsTest {

    private static final byte[] MASTER_KEY = Hex.of("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = Hex.of("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void b2SessionEncryptionKey() {
        assertThat(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_ENCRYPTION, 16))
                .isEqualTo(Hex.of("C61E7A93744F39EE10734AFE3FF7A087"));
    }

    @Test
    void b2SessionSalt() {
        assertThat(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_SALT, 14))
                .isEqualTo(Hex.of("30CBBC08863D8C85D49DB34A9AE1"));
    }

    @Test
    void b2SessionAuthKey() {
        assertThat(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_AUTH, 20))
                .isEqualTo(Hex.of("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"));
    }

    @Test
    void sessionKeysUseTheProfileLengths() {
        SessionKeys k = SrtpKeyDerivation.sessionKeys(
                new SrtpKeys(MASTER_KEY, MASTER_SALT, SrtpProfile.AES_CM_128_HMAC_SHA1_80), false);
        assertThat(k.encryptionKey()).isEqualTo(Hex.of("C61E7A93744F39EE10734AFE3FF7A087"));
        assertThat(k.salt()).isEqualTo(Hex.of("30CBBC08863D8C85D49DB34A9AE1"));
        assertThat(k.authKey()).hasSize(20);
    }

    @Test
    void b3KeystreamIsWhatEncryptingZerosGives() {
        // B.3: session key and salt given directly, SSRC 0, index 0: the ciphertext of zeros is the keystream.
        SessionKeys keys = new SessionKeys(Hex.of("2B7E151628AED2A6ABF7158809CF4F3C"), new byte[20],
                Hex.of("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"));
        SrtpContext ctx = new SrtpContext(SrtpProfile.AES_CM_128_HMAC_SHA1_80, keys, keys, SrtpLimits.DEFAULT);
        byte[] expected = Hex.of("E03EAD0935C95E80E166B16DD92B4EB4"
                + "D23513162B02D0F72A43A2FE4A5F97AB" + "41E95B3BB0A2E8DD477901E4FCA894C0");
        byte[] packet = new byte[12 + expected.length + 10];
        packet[0] = (byte) 0x80;
        packet[1] = 0x0F;
        int n = ctx.protectRtp(packet, 0, 12 + expected.length);
        assertThat(n).isEqualTo(12 + expected.length + 10);
        assertThat(Arrays.copyOfRange(packet, 12, 12 + expected.length)).isEqualTo(expected);
    }
}
