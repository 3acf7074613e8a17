package io.livegate.srt.mpegts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TsPacketTest {

    @Test
    void readsHeaderAdaptationFieldAndPcr() {
        byte[] p = new byte[188];
        p[0] = 0x47;
        p[1] = 0x41; // PUSI, PID 0x100
        p[2] = 0x00;
        p[3] = 0x37; // adaptation + payload, CC 7
        p[4] = 7;
        p[5] = 0x50; // random access + PCR flag
        long base = 0x1_2345_6789L; // 33 bits
        int ext = 0x155;
        p[6] = (byte) (base >> 25);
        p[7] = (byte) (base >> 17);
        p[8] = (byte) (base >> 9);
        p[9] = (byte) (base >> 1);
        p[10] = (byte) ((base & 1) << 7 | 0x7E | ext >> 8);
        p[11] = (byte) ext;
        TsPacket pk = TsPacket.parse(p, 0);
        assertThat(pk.pid()).isEqualTo(0x100);
        assertThat(pk.payloadUnitStart()).isTrue();
        assertThat(pk.continuityCounter()).isEqualTo(7);
        assertThat(pk.randomAccess()).isTrue();
        assertThat(pk.pcr()).isEqualTo(base * 300 + ext);
        assertThat(pk.payloadOffset()).isEqualTo(12);
        assertThat(pk.payloadLength()).isEqualTo(176);
    }

    @Test
    void adaptationFieldLongerThanThePacketIsRejected() {
        byte[] p = new byte[188];
        p[0] = 0x47;
        p[3] = 0x30;
        p[4] = (byte) 183; // with payload at most 182
        assertThat(TsPacket.parse(p, 0)).isNull();
        p[3] = 0x20; // adaptation only: exactly 183 is right
        assertThat(TsPacket.parse(p, 0).payloadLength()).isZero();
    }

    @Test
    void crc32Mpeg2CheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc32Mpeg2.compute(check, 0, check.length)).isEqualTo(0x0376E6E7);
    }

    @Test
    void unwrapperFollowsTheNearestEpoch() {
        TimestampUnwrapper u = new TimestampUnwrapper();
        long a = u.unwrap(TimestampUnwrapper.WRAP - 10);
        assertThat(u.unwrap(5) - a).isEqualTo(15);
        assertThat(u.unwrap(TimestampUnwrapper.WRAP - 20) - a).isEqualTo(-10); // audio slightly behind, across the wrap
        assertThat(a).isPositive();
    }
}
