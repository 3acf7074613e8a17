package io.livegate.rtc.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.rtc.rtp.RtpHeader;
import io.livegate.rtc.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VpxAndOpusPayloadFormatTest {

    private static List<Frame> vpxFrames(String fixture, boolean vp9) {
        List<Frame> frames = new ArrayList<>();
        for (byte[] f : CodecFixtures.ivf(CodecFixtures.load(fixture))) {
            // VP8: P bit 0 in the frame tag is a keyframe. VP9: frame_type bit after marker/profile/show_existing.
            boolean key = vp9 ? (f[0] & 0xC0) == 0x80 && (f[0] & 0x08) == 0 && (f[0] & 0x04) == 0 : (f[0] & 1) == 0;
            frames.add(CodecFixtures.frame(new Payload.VpxFrame(f), key));
        }
        return frames;
    }

    @Test
    void vp8StreamRoundTripsWithKeyframes() {
        List<Frame> frames = vpxFrames("vp8-320x240-6f.ivf", false);
        assertThat(frames).hasSize(6);
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(new Vp8Packetizer(), new Vp8Depacketizer(), frames, 1200);
        assertThat(out).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(((Payload.VpxFrame) out.get(i).payload()).data())
                    .isEqualTo(((Payload.VpxFrame) frames.get(i).payload()).data());
            assertThat(out.get(i).keyframe()).isEqualTo(frames.get(i).keyframe());
        }
        assertThat(out.get(0).keyframe()).isTrue();
        assertThat(out.get(1).keyframe()).isFalse();
    }

    @Test
    void vp8DescriptorWithPictureIdAndLayersIsSkipped() {
        // X=1 S=1 PID=0; I=1 L=1 T=1; 15-bit picture id; TL0PICIDX; TID/Y/KEYIDX; then a keyframe tag byte.
        byte[] p = {(byte) 0x90, (byte) 0xE0, (byte) 0x81, 0x23, 0x05, 0x40, 0x10, 0x02, 0x03};
        Vp8Depacketizer d = new Vp8Depacketizer();
        RtpDepacketizer.Complete c = (RtpDepacketizer.Complete) d.push(new RtpPacket(RtpHeader.of(true, 96, 1, 0, 1), p));
        assertThat(((Payload.VpxFrame) c.payload()).data()).containsExactly(0x10, 0x02, 0x03);
        assertThat(c.keyframe()).isTrue();
    }

    @Test
    void vp8LossDropsUntilNextFrameStart() {
        byte[] big = new byte[5000];
        new Random(3).nextBytes(big);
        big[0] = 0; // keyframe tag
        List<Frame> frames = List.of(CodecFixtures.frame(new Payload.VpxFrame(big), true),
                CodecFixtures.frame(new Payload.VpxFrame(new byte[] {1, 2, 3}), false));
        Vp8Depacketizer d = new Vp8Depacketizer();
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(new Vp8Packetizer(), d, frames, 1200, 1);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).rtpTimestamp()).isEqualTo(3000);
        assertThat(d.droppedFrames()).isEqualTo(1);
    }

    @Test
    void vp9StreamRoundTrips() {
        List<Frame> frames = vpxFrames("vp9-320x240-6f.ivf", true);
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(new Vp9Packetizer(), new Vp9Depacketizer(), frames, 1000);
        assertThat(out).hasSize(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertThat(((Payload.VpxFrame) out.get(i).payload()).data())
                    .isEqualTo(((Payload.VpxFrame) frames.get(i).payload()).data());
            assertThat(out.get(i).keyframe()).isEqualTo(frames.get(i).keyframe());
        }
        assertThat(out.get(0).keyframe()).isTrue();
    }

    @Test
    void vp9FlexibleDescriptorWithScalabilityStructureIsSkipped() {
        // I=1 P=1 L=1 F=1 B=1 E=1 V=1: 7-bit picture id, layer byte, two P_DIFFs, SS with Y (1 layer) and G (1 group, R=1).
        byte[] p = {(byte) 0xFE, 0x05, 0x00, 0x03, 0x04, 0x18, 0x01, 0x40, 0x00, (byte) 0xF0, 0x01, 0x04, 0x01, (byte) 0xAA};
        Vp9Depacketizer d = new Vp9Depacketizer();
        RtpDepacketizer.Complete c = (RtpDepacketizer.Complete) d.push(new RtpPacket(RtpHeader.of(true, 96, 1, 0, 1), p));
        assertThat(((Payload.VpxFrame) c.payload()).data()).containsExactly(0xAA);
        assertThat(c.keyframe()).isFalse();
    }

    @Test
    void opusPacketsAreFramesAndLossDoesNotDropOthers() {
        OpusPacketizer pk = new OpusPacketizer();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            frames.add(CodecFixtures.frame(new Payload.OpusPacket(new byte[] {(byte) 0xFC, (byte) i, 7}), true));
        }
        OpusDepacketizer d = new OpusDepacketizer();
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(pk, d, frames, 1200, 2);
        assertThat(out).hasSize(4);
        assertThat(out).allMatch(RtpDepacketizer.Complete::keyframe);
        assertThat(((Payload.OpusPacket) out.get(2).payload()).data()).containsExactly(0xFC, 3, 7);
        assertThat(d.droppedFrames()).isZero();
    }
}
