package io.livegate.rtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RtpStreamWriterTest {

    @Test
    void writesHeadersAndExtensionsThatParseBack() {
        RtpStreamWriter w = new RtpStreamWriter(0xAABBCCDD, 102, 65535, 1000,
                new RtpStreamWriter.ExtensionIds(4, "1", 3, 2));
        byte[] out = new byte[100];
        byte[] payload = {1, 2, 3};
        int n = w.write(payload, 0, 3, true, 0xFFFFFFFFL, 0x1234, 1_500_000L, out, 0);
        assertThat(n).isEqualTo(w.headerLength() + 3);
        RtpPacket p = RtpPacket.parse(out, 0, n);
        assertThat(p.header().ssrc()).isEqualTo(0xAABBCCDD);
        assertThat(p.header().payloadType()).isEqualTo(102);
        assertThat(p.header().sequenceNumber()).isEqualTo(65535);
        assertThat(p.header().timestamp()).isEqualTo(999); // wrapped: 2^32 - 1 + 1000
        assertThat(p.header().marker()).isTrue();
        assertThat(p.header().extension(4)).containsExactly('1');
        assertThat(p.header().extension(3)).containsExactly(0x12, 0x34);
        assertThat(p.header().extension(2)).containsExactly(0x06, 0x00, 0x00); // 1.5 s in 6.18 fixed point
        assertThat(p.payload()).containsExactly(1, 2, 3);
        int m = w.write(payload, 1, 2, false, 10, 0, 0, out, 0);
        RtpPacket q = RtpPacket.parse(out, 0, m);
        assertThat(q.header().sequenceNumber()).isZero();
        assertThat(q.payload()).containsExactly(2, 3);

        // A NACK answer from the history keeps the original sequence number and timestamp.
        PacketHistory h = new PacketHistory(16);
        h.add(65535, 0xFFFFFFFFL, true, payload);
        int r = w.rewrite(h.get(65535), 0x1235, 1_500_000L, out, 0);
        RtpPacket again = RtpPacket.parse(out, 0, r);
        assertThat(again.header().sequenceNumber()).isEqualTo(65535);
        assertThat(again.header().timestamp()).isEqualTo(999);
        assertThat(again.header().extension(3)).containsExactly(0x12, 0x35);
        assertThat(w.nextSequenceNumber()).isEqualTo(1);
    }

    @Test
    void withoutExtensionsTheHeaderIsTwelveBytes() {
        RtpStreamWriter w = new RtpStreamWriter(1, 111, 5, 0, RtpStreamWriter.ExtensionIds.NONE);
        assertThat(w.headerLength()).isEqualTo(12);
        byte[] out = new byte[20];
        assertThat(RtpPacket.parse(out, 0, w.write(new byte[] {9}, 0, 1, false, 48000, 0, 0, out, 0)).header()
                .extensionProfile()).isEqualTo(RtpHeader.NO_EXTENSION);
        assertThatThrownBy(() -> new RtpStreamWriter.ExtensionIds(15, "x", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
