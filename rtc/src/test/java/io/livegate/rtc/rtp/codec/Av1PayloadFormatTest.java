package io.livegate.rtc.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.rtc.rtp.RtpHeader;
import io.livegate.rtc.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Av1PayloadFormatTest {

    private static List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        for (byte[] tu : CodecFixtures.ivf(CodecFixtures.load("av1-320x240-6f.ivf"))) {
            List<byte[]> obus = CodecFixtures.obus(tu);
            boolean key = obus.stream().anyMatch(o -> ((o[0] >>> 3) & 0x0F) == Av1Packetizer.OBU_SEQUENCE_HEADER);
            frames.add(CodecFixtures.frame(new Payload.Av1TemporalUnit(obus), key));
        }
        return frames;
    }

    @Test
    void libaomStreamRoundTripsAtSeveralMtus() {
        List<Frame> frames = frames();
        assertThat(frames).hasSize(6);
        for (int mtu : new int[] {1200, 300, 50}) {
            List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(new Av1Packetizer(), new Av1Depacketizer(), frames, mtu);
            assertThat(out).hasSize(6);
            for (int i = 0; i < 6; i++) {
                assertThat(((Payload.Av1TemporalUnit) out.get(i).payload()).obus()).usingElementComparator(Arrays::compare)
                        .containsExactlyElementsOf(((Payload.Av1TemporalUnit) frames.get(i).payload()).obus());
                assertThat(out.get(i).keyframe()).isEqualTo(frames.get(i).keyframe());
            }
        }
        assertThat(frames.get(0).keyframe()).isTrue();
    }

    @Test
    void largeObuIsFragmentedWithZAndY() {
        byte[] payload = new byte[20_000];
        new Random(4).nextBytes(payload);
        byte[] obu = new byte[1 + 3 + payload.length];
        obu[0] = (byte) ((6 << 3) | 0x02); // OBU_FRAME with size field
        int n = Leb128.write(obu, 1, payload.length);
        System.arraycopy(payload, 0, obu, 1 + n, payload.length);
        obu = Arrays.copyOf(obu, 1 + n + payload.length);
        Frame f = CodecFixtures.frame(new Payload.Av1TemporalUnit(List.of(obu)), false);
        List<byte[]> packets = new Av1Packetizer().packetize(f, 1200);
        assertThat(packets.size()).isGreaterThan(16);
        assertThat(packets.get(0)[0] & 0xC0).isEqualTo(0x40); // Y only
        assertThat(packets.get(1)[0] & 0xC0).isEqualTo(0xC0); // Z and Y
        assertThat(packets.get(packets.size() - 1)[0] & 0xC0).isEqualTo(0x80); // Z only
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(new Av1Packetizer(), new Av1Depacketizer(), List.of(f), 1200);
        assertThat(((Payload.Av1TemporalUnit) out.get(0).payload()).obus().get(0)).isEqualTo(obu);
    }

    @Test
    void elementsCountedByWAndTemporalDelimitersDropped() {
        // W=2: a temporal delimiter with a length, then an OBU_FRAME_HEADER without one (runs to the end).
        byte[] p = {0x20, 0x01, 0x10, 0x18, 0x11, 0x22};
        Av1Depacketizer d = new Av1Depacketizer();
        RtpDepacketizer.Complete c = (RtpDepacketizer.Complete) d.push(new RtpPacket(RtpHeader.of(true, 96, 1, 0, 1), p));
        List<byte[]> obus = ((Payload.Av1TemporalUnit) c.payload()).obus();
        assertThat(obus).hasSize(1);
        assertThat(obus.get(0)).containsExactly(0x1A, 0x02, 0x11, 0x22);
    }

    @Test
    void continuationWithoutStartIsMalformed() {
        Av1Depacketizer d = new Av1Depacketizer();
        d.push(new RtpPacket(RtpHeader.of(false, 96, 1, 0, 1), new byte[] {0x10, 0x30, 0x01}));
        assertThatThrownBy(() -> d.push(new RtpPacket(RtpHeader.of(true, 96, 2, 0, 1), new byte[] {(byte) 0x90, 0x30, 0x01})))
                .extracting("reason").isEqualTo(RtpCodecException.Reason.MALFORMED);
    }
}
