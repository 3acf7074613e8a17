package io.livegate.rtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

class RtpPacketFuzzTest {

    /** Only RtpException may escape; whatever parses must write and parse back to the same value. */
    @FuzzTest(maxDuration = "30s")
    void parseWriteRoundTrip(byte[] data) {
        RtpPacket p;
        try {
            p = RtpPacket.parse(data, 0, data.length);
        } catch (RtpException e) {
            return;
        }
        byte[] written = p.toBytes();
        assertThat(written).hasSize(p.encodedLength());
        assertThat(RtpPacket.parse(written)).isEqualTo(p);
    }
}
