package io.livegate.rtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Known answers from libsrtp's validation packets (srtp_driver: srtp_validate, srtp_validate_gcm), so the
 * HMAC-SHA1 tag and the SRTCP layout are checked against another implementation, not only our own round
 * trips. libsrtp numbers its first SRTCP packet 1, hence {@code setSrtcpIndex(.., 1)}.
 */
class SrtpLibsrtpVectorsTest {

    private static final int SSRC = 0xcafebabe;
    private static final byte[] RTP = Hex.of("800f1234decafbadcafebabe" + "ab".repeat(16));
    private static final byte[] RTCP = Hex.of("81c8000bcafebabe" + "ab".repeat(16));

    private static void check(SrtpKeys keys, String srtp, String srtcp) {
        SrtpContext tx = new SrtpContext(keys);
        byte[] b = Arrays.copyOf(RTP, 64);
        assertThat(Arrays.copyOf(b, tx.protectRtp(b, 0, RTP.length))).isEqualTo(Hex.of(srtp));
        tx.setSrtcpIndex(SSRC, 1);
        byte[] c = Arrays.copyOf(RTCP, 64);
        assertThat(Arrays.copyOf(c, tx.protectRtcp(c, 0, RTCP.length))).isEqualTo(Hex.of(srtcp));

        SrtpContext rx = new SrtpContext(keys);
        byte[] s = Hex.of(srtp);
        assertThat(Arrays.copyOf(s, rx.unprotectRtp(s, 0, s.length))).isEqualTo(RTP);
        byte[] t = Hex.of(srtcp);
        assertThat(Arrays.copyOf(t, rx.unprotectRtcp(t, 0, t.length))).isEqualTo(RTCP);
    }

    @Test
    void aesCm128HmacSha1_80() {
        check(new SrtpKeys(Hex.of("E1F97A0D3E018BE0D64FA32C06DE4139"), Hex.of("0EC675AD498AFEEBB6960B3AABE6"),
                        SrtpProfile.AES_CM_128_HMAC_SHA1_80),
                "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb",
                "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");
    }

    @Test
    void aeadAes128Gcm() {
        check(new SrtpKeys(Hex.of("000102030405060708090a0b0c0d0e0f"), Hex.of("a0a1a2a3a4a5a6a7a8a9aaab"),
                        SrtpProfile.AEAD_AES_128_GCM),
                "800f1234decafbadcafebabec5002ede04cfdd2eb91159e0880aa06ed2976826f796b201df3131a127e8a392",
                "81c8000bcafebabec98b8b5df0392a55852b6c21ac8e7025c52c6fbea2b3b446ea31123ba88ce61e80000001");
    }
}
