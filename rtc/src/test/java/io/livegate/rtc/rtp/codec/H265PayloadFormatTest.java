package io.livegate.rtc.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.media.CodecParameters.H265Parameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.rtc.rtp.RtpHeader;
import io.livegate.rtc.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class H265PayloadFormatTest {

    private static final List<List<byte[]>> AUS = CodecFixtures.h265AccessUnits(
            CodecFixtures.load("x265-320x240-6f.h265"));

    private static int type(byte[] n) {
        return (n[0] >>> 1) & 0x3F;
    }

    private static boolean irap(List<byte[]> au) {
        return au.stream().anyMatch(n -> type(n) >= 16 && type(n) <= 23);
    }

    private static byte[] first(int t) {
        return AUS.stream().flatMap(List::stream).filter(n -> type(n) == t).findFirst().orElseThrow();
    }

    private static List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        for (List<byte[]> au : AUS) {
            frames.add(CodecFixtures.frame(new Payload.NalUnits(au), irap(au)));
        }
        return frames;
    }

    private static H265Packetizer packetizer() {
        return new H265Packetizer(new H265Parameters(List.of(first(32)), List.of(first(33)), List.of(first(34))));
    }

    @Test
    void x265StreamRoundTrips() {
        assertThat(AUS).hasSize(6);
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(packetizer(), new H265Depacketizer(), frames(), 1200);
        assertThat(out).hasSize(6);
        for (int i = 0; i < 6; i++) {
            List<byte[]> want = new ArrayList<>(AUS.get(i).stream().filter(n -> type(n) != 35).toList());
            if (irap(AUS.get(i)) && want.stream().noneMatch(n -> type(n) == 33)) {
                want.addAll(0, List.of(first(32), first(33), first(34)));
            }
            assertThat(((Payload.NalUnits) out.get(i).payload()).units()).usingElementComparator(Arrays::compare)
                    .containsExactlyElementsOf(want);
            assertThat(out.get(i).keyframe()).isEqualTo(irap(AUS.get(i)));
        }
    }

    @Test
    void largeNalUsesFragmentationUnitsAndSmallOnesAggregate() {
        byte[] idr = new byte[40_000];
        new Random(2).nextBytes(idr);
        idr[0] = (byte) (19 << 1);
        idr[1] = 1;
        Frame f = CodecFixtures.frame(new Payload.NalUnits(List.of(idr)), true);
        List<byte[]> payloads = packetizer().packetize(f, 1200);
        assertThat(type(payloads.get(0))).isEqualTo(H265Packetizer.AP);
        assertThat(type(payloads.get(1))).isEqualTo(H265Packetizer.FU);
        assertThat(payloads).allMatch(p -> p.length <= 1200);
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(packetizer(), new H265Depacketizer(), List.of(f), 1200);
        List<byte[]> units = ((Payload.NalUnits) out.get(0).payload()).units();
        assertThat(units.get(3)).isEqualTo(idr);
    }

    @Test
    void lossDropsTheFrame() {
        H265Depacketizer d = new H265Depacketizer();
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(packetizer(), d, frames(), 300, 2);
        assertThat(out).hasSize(5);
        assertThat(d.droppedFrames()).isEqualTo(1);
    }

    @Test
    void paciIsRefused() {
        H265Depacketizer d = new H265Depacketizer();
        assertThatThrownBy(() -> d.push(new RtpPacket(RtpHeader.of(true, 96, 1, 0, 1), new byte[] {(byte) (50 << 1), 1, 0, 0})))
                .extracting("reason").isEqualTo(RtpCodecException.Reason.UNSUPPORTED);
    }
}
