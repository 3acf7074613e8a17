package io.livegate.rtc.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.media.CodecParameters.H264Parameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.rtc.rtp.RtpHeader;
import io.livegate.rtc.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class H264PayloadFormatTest {

    private static final List<List<byte[]>> AUS = CodecFixtures.h264AccessUnits(
            CodecFixtures.load("x264-320x240-6f.h264"));

    private static byte[] first(int type) {
        for (List<byte[]> au : AUS) {
            for (byte[] n : au) {
                if ((n[0] & 0x1F) == type) {
                    return n;
                }
            }
        }
        throw new AssertionError("no NAL type " + type);
    }

    private static boolean isIdr(List<byte[]> au) {
        return au.stream().anyMatch(n -> (n[0] & 0x1F) == 5);
    }

    /** What the receiver should get: AUDs gone, SPS/PPS in front of every IDR. */
    private static List<byte[]> expected(List<byte[]> au) {
        List<byte[]> out = new ArrayList<>();
        boolean idr = isIdr(au);
        boolean hasSps = au.stream().anyMatch(n -> (n[0] & 0x1F) == 7);
        if (idr && !hasSps) {
            out.add(first(7));
            out.add(first(8));
        }
        for (byte[] n : au) {
            if ((n[0] & 0x1F) != 9) {
                out.add(n);
            }
        }
        return out;
    }

    private static List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        for (List<byte[]> au : AUS) {
            frames.add(CodecFixtures.frame(new Payload.NalUnits(au), isIdr(au)));
        }
        return frames;
    }

    private static H264Packetizer packetizer() {
        return new H264Packetizer(new H264Parameters(List.of(first(7)), List.of(first(8))));
    }

    @Test
    void x264StreamRoundTripsWithParameterSetsBeforeEachIdr() {
        assertThat(AUS).hasSize(6);
        assertThat(AUS.stream().filter(H264PayloadFormatTest::isIdr)).hasSize(2);
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(packetizer(), new H264Depacketizer(), frames(), 1200);
        assertThat(out).hasSize(6);
        for (int i = 0; i < 6; i++) {
            Payload.NalUnits got = (Payload.NalUnits) out.get(i).payload();
            assertThat(got.units()).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(expected(AUS.get(i)));
            assertThat(out.get(i).keyframe()).isEqualTo(isIdr(AUS.get(i)));
            assertThat(out.get(i).rtpTimestamp()).isEqualTo(3000L * i);
        }
    }

    @Test
    void smallUnitsAreAggregatedInStapA() {
        List<byte[]> payloads = packetizer().packetize(frames().get(0), 1200);
        assertThat(payloads.get(0)[0] & 0x1F).isEqualTo(H264Packetizer.STAP_A);
        assertThat(payloads.get(payloads.size() - 1)[0] & 0x1F).isEqualTo(H264Packetizer.FU_A);
    }

    @Test
    void largeFrameSpansManyFuAs() {
        byte[] idr = new byte[100_000];
        new Random(1).nextBytes(idr);
        idr[0] = 0x65;
        Frame f = CodecFixtures.frame(new Payload.NalUnits(List.of(idr)), true);
        List<byte[]> payloads = packetizer().packetize(f, 1200);
        assertThat(payloads.size()).isGreaterThan(80);
        assertThat(payloads).allMatch(p -> p.length <= 1200);
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(packetizer(), new H264Depacketizer(), List.of(f), 1200);
        List<byte[]> units = ((Payload.NalUnits) out.get(0).payload()).units();
        assertThat(units).hasSize(3);
        assertThat(units.get(2)).isEqualTo(idr);
    }

    @Test
    void lossInsideAFrameDropsOnlyThatFrame() {
        H264Packetizer pk = packetizer();
        List<Frame> frames = frames();
        int inFirstFrame = CodecFixtures.packetCount(pk, frames.get(0), 1200) / 2;
        H264Depacketizer d = new H264Depacketizer();
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(pk, d, frames, 1200, inFirstFrame);
        assertThat(out).hasSize(5);
        assertThat(d.droppedFrames()).isEqualTo(1);
        assertThat(out.get(0).rtpTimestamp()).isEqualTo(3000);
    }

    @Test
    void losingTheFirstOrLastPacketOfAFrameDropsIt() {
        H264Packetizer pk = packetizer();
        List<Frame> frames = frames();
        int n0 = CodecFixtures.packetCount(pk, frames.get(0), 1200);
        int n1 = CodecFixtures.packetCount(pk, frames.get(1), 1200);
        H264Depacketizer d = new H264Depacketizer();
        // first packet of frame 1, and last packet (marker) of frame 3
        int n2 = CodecFixtures.packetCount(pk, frames.get(2), 1200);
        int n3 = CodecFixtures.packetCount(pk, frames.get(3), 1200);
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(pk, d, frames, 1200, n0, n0 + n1 + n2 + n3 - 1);
        assertThat(out).extracting(RtpDepacketizer.Complete::rtpTimestamp).containsExactly(0L, 6000L, 12000L, 15000L);
        assertThat(d.droppedFrames()).isEqualTo(2);
    }

    @Test
    void malformedStapAIsNamedAndTheNextFrameStillDecodes() {
        H264Depacketizer d = new H264Depacketizer();
        byte[] bad = {24, 0, 9, 0x67};
        assertThatThrownBy(() -> d.push(new RtpPacket(RtpHeader.of(true, 96, 1, 0, 1), bad)))
                .isInstanceOf(RtpCodecException.class).extracting("reason").isEqualTo(RtpCodecException.Reason.MALFORMED);
        byte[] fuB = {29, (byte) 0x80, 1};
        assertThatThrownBy(() -> d.push(new RtpPacket(RtpHeader.of(true, 96, 2, 3000, 1), fuB)))
                .extracting("reason").isEqualTo(RtpCodecException.Reason.UNSUPPORTED);
        RtpDepacketizer.Result r = d.push(new RtpPacket(RtpHeader.of(true, 96, 3, 6000, 1), new byte[] {0x41, 1, 2}));
        assertThat(r).isInstanceOf(RtpDepacketizer.Complete.class);
    }

    @Test
    void reassemblyIsBounded() {
        byte[] idr = new byte[50_000];
        idr[0] = 0x65;
        Frame f = CodecFixtures.frame(new Payload.NalUnits(List.of(idr)), true);
        H264Depacketizer d = new H264Depacketizer(new DepacketizerLimits(10_000, 10));
        assertThatThrownBy(() -> CodecFixtures.roundTrip(new H264Packetizer(null), d, List.of(f), 1200))
                .isInstanceOf(RtpCodecException.class).extracting("reason").isEqualTo(RtpCodecException.Reason.TOO_LARGE);
    }

    @Test
    void singleNalModeZeroPacketsAreAccepted() {
        H264Depacketizer d = new H264Depacketizer();
        assertThat(d.push(new RtpPacket(RtpHeader.of(false, 96, 10, 0, 1), new byte[] {0x67, 1})))
                .isEqualTo(RtpDepacketizer.NeedMore.INSTANCE);
        assertThat(d.push(new RtpPacket(RtpHeader.of(false, 96, 11, 0, 1), new byte[] {0x68, 2})))
                .isEqualTo(RtpDepacketizer.NeedMore.INSTANCE);
        RtpDepacketizer.Complete c = (RtpDepacketizer.Complete) d.push(
                new RtpPacket(RtpHeader.of(true, 96, 12, 0, 1), new byte[] {0x65, 3}));
        assertThat(c.keyframe()).isTrue();
        assertThat(((Payload.NalUnits) c.payload()).units()).hasSize(3);
    }
}
