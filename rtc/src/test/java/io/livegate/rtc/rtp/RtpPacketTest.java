package io.livegate.rtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    /** A Chrome Opus packet: one-byte extensions ssrc-audio-level (id 1), abs-send-time (2), transport-cc (3), mid (4). */
    static final byte[] CHROME_OPUS = hex("90 6f 1a 2b 00 00 3c 00 12 34 56 78"
            + "be de 00 04 10 ff 22 01 02 03 31 00 07 40 30 00 00" + "00 00 00"
            + "fc ff fe");

    @Test
    void parsesOneByteExtensions() {
        RtpPacket p = RtpPacket.parse(CHROME_OPUS);
        RtpHeader h = p.header();
        assertThat(h.payloadType()).isEqualTo(111);
        assertThat(h.marker()).isFalse();
        assertThat(h.sequenceNumber()).isEqualTo(0x1a2b);
        assertThat(h.timestamp()).isEqualTo(0x3c00);
        assertThat(h.ssrc()).isEqualTo(0x12345678);
        assertThat(h.extensionProfile()).isEqualTo(RtpHeader.ONE_BYTE_PROFILE);
        assertThat(h.extensions()).hasSize(4);
        assertThat(h.extension(1)).containsExactly(0xff);
        assertThat(h.extension(2)).containsExactly(1, 2, 3);
        assertThat(h.extension(3)).containsExactly(0, 7);
        assertThat(h.extension(4)).containsExactly('0');
        assertThat(p.payload()).containsExactly(0xfc, 0xff, 0xfe);
        assertThat(RtpPacket.parse(p.toBytes())).isEqualTo(p);
    }

    @Test
    void roundTripsCsrcsTwoByteExtensionsAndPadding() {
        RtpHeader h = new RtpHeader(true, 96, 65535, 0xFFFFFFFFL, 0xCAFEBABE, new int[] {1, 2, 3},
                RtpHeader.NO_EXTENSION, List.of(new RtpHeaderExtension(20, new byte[0]),
                new RtpHeaderExtension(5, new byte[40])), null);
        assertThat(h.extensionProfile()).isEqualTo(RtpHeader.TWO_BYTE_PROFILE);
        RtpPacket p = new RtpPacket(h, new byte[] {9, 8, 7}, 5);
        byte[] bytes = p.toBytes();
        assertThat(bytes.length % 4).isEqualTo(0);
        assertThat(bytes).hasSize(p.encodedLength());
        assertThat(bytes[0] & 0x20).isEqualTo(0x20);
        RtpPacket back = RtpPacket.parse(bytes);
        assertThat(back).isEqualTo(p);
        assertThat(back.header().csrcs()).containsExactly(1, 2, 3);
    }

    @Test
    void oneByteFormIsChosenWhenEverythingFits() {
        RtpHeader h = RtpHeader.of(false, 100, 1, 2, 3).withExtensions(List.of(new RtpHeaderExtension(14, new byte[16])));
        assertThat(h.extensionProfile()).isEqualTo(RtpHeader.ONE_BYTE_PROFILE);
        assertThat(h.encodedLength()).isEqualTo(12 + 4 + 20);
    }

    @Test
    void reservedId15StopsParsing() {
        byte[] b = hex("90 60 00 01 00 00 00 01 00 00 00 01 be de 00 01 10 aa f0 bb");
        assertThat(RtpPacket.parse(b).header().extensions()).hasSize(1);
    }

    @Test
    void otherExtensionProfilesAreKeptRaw() {
        byte[] b = hex("90 60 00 01 00 00 00 01 00 00 00 01 12 34 00 01 de ad be ef 55");
        RtpPacket p = RtpPacket.parse(b);
        assertThat(p.header().extensionProfile()).isEqualTo(0x1234);
        assertThat(p.header().rawExtension()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(p.toBytes()).isEqualTo(b);
    }

    @Test
    void malformedPacketsAreNamed() {
        assertThatThrownBy(() -> RtpPacket.parse(new byte[11])).extracting("reason")
                .isEqualTo(RtpException.Reason.TRUNCATED);
        assertThatThrownBy(() -> RtpPacket.parse(new byte[12])).extracting("reason")
                .isEqualTo(RtpException.Reason.BAD_VERSION);
        assertThatThrownBy(() -> RtpPacket.parse(hex("83 60 00 01 00 00 00 01 00 00 00 01 00 00 00 01")))
                .extracting("reason").isEqualTo(RtpException.Reason.TRUNCATED);
        assertThatThrownBy(() -> RtpPacket.parse(hex("a0 60 00 01 00 00 00 01 00 00 00 01 00 00 00 09")))
                .extracting("reason").isEqualTo(RtpException.Reason.BAD_PADDING);
        assertThatThrownBy(() -> RtpPacket.parse(hex("90 60 00 01 00 00 00 01 00 00 00 01 be de 00 02 1f 00")))
                .extracting("reason").isEqualTo(RtpException.Reason.TRUNCATED);
        assertThatThrownBy(() -> RtpPacket.parse(hex("90 60 00 01 00 00 00 01 00 00 00 01 be de 00 01 13 00 00 00")))
                .extracting("reason").isEqualTo(RtpException.Reason.BAD_EXTENSION);
    }
}
