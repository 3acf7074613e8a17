package io.livegate.rtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SrtpKeysTest {

    @Test
    void splitFollowsRfc5764Layout() {
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        byte[] m = new byte[p.exportedKeyingMaterialLength()];
        for (int i = 0; i < m.length; i++) {
            m[i] = (byte) i;
        }
        SrtpKeys.Pair client = SrtpKeys.split(m, p, true);
        SrtpKeys.Pair server = SrtpKeys.split(m, p, false);
        assertThat(client.local().masterKey()[0]).isEqualTo((byte) 0);
        assertThat(client.remote().masterKey()[0]).isEqualTo((byte) 16);
        assertThat(client.local().masterSalt()[0]).isEqualTo((byte) 32);
        assertThat(client.remote().masterSalt()[0]).isEqualTo((byte) 46);
        assertThat(server.local()).isEqualTo(client.remote());
        assertThat(server.remote()).isEqualTo(client.local());
        assertThat(client.local().toString()).doesNotContain("0, 1");
    }

    @Test
    void gcmUsesTwelveByteSalts() {
        SrtpProfile p = SrtpProfile.AEAD_AES_128_GCM;
        assertThat(p.exportedKeyingMaterialLength()).isEqualTo(56);
        SrtpKeys.Pair pair = SrtpKeys.split(new byte[56], p, false);
        assertThat(pair.local().masterSalt()).hasSize(12);
    }

    @Test
    void wrongLengthsAreRejected() {
        assertThatThrownBy(() -> SrtpKeys.split(new byte[10], SrtpProfile.AEAD_AES_128_GCM, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SrtpProfile.fromDtlsId(7)).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(SrtpProfile.fromDtlsId(99)).isNull();
    }
}
