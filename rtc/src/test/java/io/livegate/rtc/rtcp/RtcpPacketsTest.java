package io.livegate.rtc.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpPacketsTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    private static RtcpPacket roundTrip(RtcpPacket p) {
        byte[] b = p.toBytes();
        assertThat(b).hasSize(p.encodedLength());
        assertThat(b.length % 4).isZero();
        List<RtcpPacket> back = RtcpPackets.parseCompound(b);
        assertThat(back).containsExactly(p);
        return back.get(0);
    }

    @Test
    void senderReportWithBlocks() {
        ReceptionReport rr = new ReceptionReport(0x11111111, 25, -3, 0x1FFFF, 77, 0xAABBCCDDL, 0x10000);
        SenderReport sr = new SenderReport(0x22222222, 0xE5A1B2C3D4E5F607L, 0xFFFFFFF0L, 1000, 1_200_000,
                List.of(rr));
        roundTrip(sr);
        assertThat(sr.compactNtp()).isEqualTo(0xB2C3D4E5L);
        byte[] b = sr.toBytes();
        assertThat(b[0] & 0xFF).isEqualTo(0x81);
        assertThat(b[1] & 0xFF).isEqualTo(200);
        assertThat(b[3]).isEqualTo((byte) 12);
    }

    @Test
    void ntpTimestampFromWallClock() {
        // 2026-01-01T00:00:00.5Z = 1767225600.5 s since 1970.
        long ntp = SenderReport.ntpTimestamp(1_767_225_600_500_000L);
        assertThat(ntp >>> 32).isEqualTo(1_767_225_600L + 2_208_988_800L);
        assertThat(ntp & 0xFFFFFFFFL).isEqualTo(0x80000000L);
    }

    @Test
    void receiverReportSdesByeCompound() {
        List<RtcpPacket> compound = List.of(
                new ReceiverReport(1, List.of(new ReceptionReport(2, 0, 0, 5, 0, 0, 0))),
                SourceDescription.cname(1, "aBcDeFgHiJkLmNoP"),
                new Goodbye(List.of(1, 2), "bye".getBytes()));
        byte[] b = RtcpPackets.writeCompound(compound);
        assertThat(RtcpPackets.parseCompound(b)).isEqualTo(compound);
        assertThat(((SourceDescription) compound.get(1)).chunks().get(0).items().get(0).textAsString())
                .isEqualTo("aBcDeFgHiJkLmNoP");
    }

    @Test
    void sdesChunkAlignedToFourBytesStillHasNullTerminator() {
        // 4 (ssrc) + 2 + 2 = 8: one more null octet forces a second word.
        SourceDescription sd = SourceDescription.cname(7, "ab");
        assertThat(sd.encodedLength()).isEqualTo(4 + 12);
        roundTrip(sd);
    }

    @Test
    void genericNackFromSequenceNumbers() {
        TransportLayerNack nack = TransportLayerNack.of(1, 2, List.of(117, 100, 101, 116));
        assertThat(nack.pairs()).containsExactly(new TransportLayerNack.NackPair(100, 0x8001),
                new TransportLayerNack.NackPair(117, 0));
        assertThat(nack.lostSequenceNumbers()).containsExactly(100, 101, 116, 117);
        roundTrip(nack);
        TransportLayerNack wrapped = TransportLayerNack.of(1, 2, List.of(3, 65535, 10, 65534));
        assertThat(wrapped.pairs()).containsExactly(new TransportLayerNack.NackPair(65534, 0x0811));
        assertThat(wrapped.lostSequenceNumbers()).containsExactly(65534, 65535, 3, 10);
    }

    @Test
    void chromePliFirRemb() {
        byte[] pli = hex("81 ce 00 02 00 00 00 01 12 34 56 78");
        assertThat(RtcpPackets.parseCompound(pli)).containsExactly(new PictureLossIndication(1, 0x12345678));
        FullIntraRequest fir = FullIntraRequest.of(1, 0x12345678, 9);
        assertThat(fir.toBytes()).isEqualTo(hex("84 ce 00 04 00 00 00 01 00 00 00 00 12 34 56 78 09 00 00 00"));
        roundTrip(fir);
        // REMB 1,000,000 bps: exp 2, mantissa 250000 (0x3D090).
        byte[] remb = hex("8f ce 00 05 00 00 00 01 00 00 00 00 52 45 4d 42 01 0b d0 90 ab cd ef 01");
        ReceiverEstimatedMaximumBitrate r = (ReceiverEstimatedMaximumBitrate) RtcpPackets.parseCompound(remb).get(0);
        assertThat(r.bitrate()).isEqualTo(1_000_000);
        assertThat(r.ssrcs()).containsExactly(0xabcdef01);
        roundTrip(r);
        // 18 significant bits: larger values round down, within 2^-17.
        var big = new ReceiverEstimatedMaximumBitrate(1, 0, 123_456_789_012L, List.of());
        var back = (ReceiverEstimatedMaximumBitrate) RtcpPackets.parseCompound(big.toBytes()).get(0);
        assertThat(back.bitrate()).isLessThanOrEqualTo(123_456_789_012L).isGreaterThan(123_456_789_012L - (123_456_789_012L >> 17));
        roundTrip(back);
    }

    @Test
    void twccChromeCaptureRunLengthAndPadding() {
        // Chrome feedback with P set and one padding byte: one packet received 37 ms after the reference.
        byte[] b = hex("af cd 00 05 fa 17 fa 17 43 03 2f a0 00 99 00 01 3d e8 02 17 20 01 94 01");
        TransportWideCcFeedback f = (TransportWideCcFeedback) RtcpPackets.parseCompound(b).get(0);
        assertThat(f.senderSsrc()).isEqualTo(0xfa17fa17);
        assertThat(f.mediaSsrc()).isEqualTo(0x43032fa0);
        assertThat(f.baseSequenceNumber()).isEqualTo(153);
        assertThat(f.referenceTime()).isEqualTo(4057090);
        assertThat(f.feedbackPacketCount()).isEqualTo(23);
        assertThat(f.statuses()).containsExactly(1);
        assertThat(f.deltas()).containsExactly(148);
        roundTrip(f);
    }

    @Test
    void twccLargeDeltasAndPaddingBitWithoutPadding() {
        byte[] b = hex("af cd 00 07 fa 17 fa 17 19 3d d8 bb 01 74 00 06 45 b1 5a 40 40 02 20 04 1f fe 1f 9a d0 00 d0 00");
        TransportWideCcFeedback f = (TransportWideCcFeedback) RtcpPackets.parseCompound(b).get(0);
        assertThat(f.statuses()).containsExactly(2, 2, 1, 1, 1, 1);
        assertThat(f.deltas()).containsExactly(8190, 8090, 208, 0, 208, 0);
        roundTrip(f);
    }

    @Test
    void twccTwoBitVectorAndLongRun() {
        byte[] b = hex("af cd 00 07 9b 74 f6 1f 93 71 dc bc 85 3c 00 09 63 f9 16 b3 d5 52 00 30 9b aa 6a aa 7b 01 09 01");
        TransportWideCcFeedback f = (TransportWideCcFeedback) RtcpPackets.parseCompound(b).get(0);
        assertThat(f.packetStatusCount()).isEqualTo(9);
        assertThat(f.statuses()).containsExactly(1, 1, 1, 1, 1, 0, 2, 0, 0);
        assertThat(f.deltas()).containsExactly(155, 170, 106, 170, 123, 265);
        roundTrip(f);
    }

    @Test
    void twccBuildFromArrivalTimes() {
        long[] arrivals = new long[40];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = i % 10 == 3 ? -1 : 1_000_000 + i * 5_000L;
        }
        arrivals[39] = 1_000_000 + 39 * 5_000L + 200_000; // a large delta
        TransportWideCcFeedback f = TransportWideCcFeedback.build(1, 2, 65530, 7, arrivals);
        assertThat(f.referenceTime()).isEqualTo(1_000_000 / 64_000);
        long[] back = f.arrivalTimesMicros();
        for (int i = 0; i < arrivals.length; i++) {
            if (arrivals[i] < 0) {
                assertThat(back[i]).isEqualTo(-1);
            } else {
                assertThat(back[i]).isBetween(arrivals[i] - 250, arrivals[i]);
            }
        }
        assertThat(f.statuses()[39]).isEqualTo((byte) TransportWideCcFeedback.LARGE_DELTA);
        roundTrip(f);
        long[] runs = new long[16000];
        java.util.Arrays.fill(runs, -1);
        runs[0] = 0;
        runs[15999] = 1000;
        roundTrip(TransportWideCcFeedback.build(1, 2, 0, 0, runs));
    }

    @Test
    void unknownTypesStayRaw() {
        byte[] app = hex("80 cc 00 02 00 00 00 01 6e 61 6d 65");
        byte[] xr = hex("80 cf 00 01 00 00 00 01");
        byte[] tmmbr = hex("83 cd 00 02 00 00 00 01 00 00 00 02");
        byte[] compound = new byte[app.length + xr.length + tmmbr.length];
        System.arraycopy(app, 0, compound, 0, app.length);
        System.arraycopy(xr, 0, compound, app.length, xr.length);
        System.arraycopy(tmmbr, 0, compound, app.length + xr.length, tmmbr.length);
        List<RtcpPacket> ps = RtcpPackets.parseCompound(compound);
        assertThat(ps).hasSize(3).allMatch(p -> p instanceof RawPacket);
        assertThat(((RawPacket) ps.get(0)).type()).isEqualTo(204);
        assertThat(RtcpPackets.writeCompound(ps)).isEqualTo(compound);
    }

    @Test
    void malformedInputIsNamed() {
        assertThatThrownBy(() -> RtcpPackets.parseCompound(hex("81 c8 00 06 00 00 00 01"))).extracting("reason")
                .isEqualTo(RtcpException.Reason.TRUNCATED);
        assertThatThrownBy(() -> RtcpPackets.parseCompound(hex("40 c8 00 00"))).extracting("reason")
                .isEqualTo(RtcpException.Reason.MALFORMED);
        assertThatThrownBy(() -> RtcpPackets.parseCompound(hex("81 c8 00 01 00 00 00 01"))).extracting("reason")
                .isEqualTo(RtcpException.Reason.TRUNCATED);
        assertThatThrownBy(() -> RtcpPackets.parseCompound(hex("a0 cb 00 01 00 00 00 09"))).extracting("reason")
                .isEqualTo(RtcpException.Reason.BAD_PADDING);
        assertThatThrownBy(() -> RtcpPackets.parseCompound(hex("8f cd 00 04 00 00 00 01 00 00 00 02 00 00 ff ff 00 00 00 00")))
                .extracting("reason").isEqualTo(RtcpException.Reason.TOO_MANY);
        byte[] many = new byte[4 * 65];
        for (int i = 0; i < 65; i++) {
            many[4 * i] = (byte) 0x80;
            many[4 * i + 1] = (byte) 202;
        }
        assertThatThrownBy(() -> RtcpPackets.parseCompound(many)).extracting("reason")
                .isEqualTo(RtcpException.Reason.TOO_MANY);
    }
}
