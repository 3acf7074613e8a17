package io.livegate.rtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.rtc.srtp.SrtpKeyDerivation.SessionKeys;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 7714 section 16 (RTP) and 17 (RTCP) AEAD_AES_128_GCM vectors, both directions. */
class SrtpGcmRfc7714VectorsTest {

    private static final SessionKeys KEYS = new SessionKeys(Hex.of("000102030405060708090a0b0c0d0e0f"), new byte[0],
            Hex.of("517569642070726f2071756f"));
    private static final byte[] RTP = Hex.of("8040f17b8041f8d35501a0b2"
            + "47616c6c69612065737420 6f6d6e697320646976 69736120696e20706172746573207472 6573");
    private static final byte[] SRTP = Hex.of("8040f17b8041f8d35501a0b2"
            + "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833899d7f27beb16a9152cf765ee4390cce");
    private static final byte[] RTCP = Hex.of("81c8000d4d6172734e5450314e5450325254502000000 42a0000e9304c756e61"
            + "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef");
    private static final byte[] SRTCP = Hex.of("81c8000d4d61727363e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32d"
            + "c676a5f1730d6fda4ce09b4686303ded0bb9275bc84aa45896cf4d2fc5abf87245d9eade800005d4");

    private static SrtpContext context() {
        return new SrtpContext(SrtpProfile.AEAD_AES_128_GCM, KEYS, KEYS, SrtpLimits.DEFAULT);
    }

    @Test
    void section16EncryptsRtp() {
        SrtpContext ctx = context();
        byte[] b = Arrays.copyOf(RTP, RTP.length + 16);
        int n = ctx.protectRtp(b, 0, RTP.length);
        assertThat(Arrays.copyOf(b, n)).isEqualTo(SRTP);
    }

    @Test
    void section16DecryptsRtp() {
        SrtpContext ctx = context();
        byte[] b = SRTP.clone();
        int n = ctx.unprotectRtp(b, 0, b.length);
        assertThat(Arrays.copyOf(b, n)).isEqualTo(RTP);
    }

    @Test
    void section17EncryptsRtcpWithIndex0x5d4() {
        SrtpContext ctx = context();
        ctx.setSrtcpIndex(0x4d617273, 0x5d4);
        byte[] b = Arrays.copyOf(RTCP, RTCP.length + 20);
        int n = ctx.protectRtcp(b, 0, RTCP.length);
        assertThat(Arrays.copyOf(b, n)).isEqualTo(SRTCP);
    }

    @Test
    void section17DecryptsRtcp() {
        SrtpContext ctx = context();
        byte[] b = SRTCP.clone();
        int n = ctx.unprotectRtcp(b, 0, b.length);
        assertThat(Arrays.copyOf(b, n)).isEqualTo(RTCP);
    }

    @Test
    void section17UnencryptedRtcpVerifies() {
        // RFC 7714 17.2 variant with E=0: header and payload in clear, then tag, then index.
        byte[] authOnly = Hex.of("81c8000d4d6172734e5450314e5450325254502000000 42a0000e9304c756e61"
                + "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef841dd9683dd78ec92ae58790125f62b3000005d4");
        byte[] b = authOnly.clone();
        int n = context().unprotectRtcp(b, 0, b.length);
        assertThat(Arrays.copyOf(b, n)).isEqualTo(RTCP);
        b = authOnly.clone();
        b[10] ^= 1;
        byte[] tampered = b;
        assertThatThrownBy(() -> context().unprotectRtcp(tampered, 0, tampered.length))
                .isInstanceOf(SrtpException.class).extracting("reason").isEqualTo(SrtpException.Reason.AUTH_FAILED);
    }

    @Test
    void tamperedCiphertextFailsAuthentication() {
        byte[] b = SRTP.clone();
        b[20] ^= 0x40;
        assertThatThrownBy(() -> context().unprotectRtp(b, 0, b.length))
                .isInstanceOf(SrtpException.class).extracting("reason").isEqualTo(SrtpException.Reason.AUTH_FAILED);
    }
}
