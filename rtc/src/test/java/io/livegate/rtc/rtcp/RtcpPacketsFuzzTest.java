package io.livegate.rtc.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

class RtcpPacketsFuzzTest {

    /** Only RtcpException may escape; whatever parses must write and parse back to equal packets. */
    @FuzzTest(maxDuration = "30s")
    void compoundRoundTrip(byte[] data) {
        List<RtcpPacket> packets;
        try {
            packets = RtcpPackets.parseCompound(data, 0, data.length);
        } catch (RtcpException e) {
            return;
        }
        byte[] written = RtcpPackets.writeCompound(packets);
        assertThat(written).hasSize(RtcpPackets.encodedLength(packets));
        assertThat(RtcpPackets.parseCompound(written)).isEqualTo(packets);
    }
}
