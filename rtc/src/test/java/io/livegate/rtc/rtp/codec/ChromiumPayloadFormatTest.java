package io.livegate.rtc.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.codec.av1.Av1Obu;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.rtp.codec.ChromiumFrames.Captured;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Payload formats on real Chromium 156 encoder output (VP8, VP9 profile 0 L1T1, AV1 at 320x180, 45 frames each,
 * keyframes at 0 and 30): our packetizers round-trip them byte for byte, loss drops only the damaged frame, and
 * our depacketizers read the frames when they arrive packetized the way libwebrtc does it (picture ids, layer
 * indices, VP9 scalability structure, AV1 W counts without a length on the last element).
 */
class ChromiumPayloadFormatTest {

    private static final int MTU = RtpPacketizer.DEFAULT_MAX_PAYLOAD_SIZE;
    private static final List<Integer> KEYFRAMES = List.of(0, 30);

    private static List<Captured> vp8() {
        return ChromiumFrames.load(ChromiumFrames.VP8, "VP80");
    }

    private static List<Captured> vp9() {
        return ChromiumFrames.load(ChromiumFrames.VP9, "VP90");
    }

    private static List<Captured> av1() {
        return ChromiumFrames.load(ChromiumFrames.AV1, "AV01");
    }

    // ---- what the captures are

    @Test
    void capturesAreSingleLayer320x180WithTwoKeyframesAndFramesOverOneMtu() {
        for (List<Captured> c : List.of(vp8(), vp9(), av1())) {
            assertThat(c).hasSize(45);
            assertThat(IntStream.range(0, c.size()).filter(i -> c.get(i).key()).boxed().toList()).isEqualTo(KEYFRAMES);
            assertThat(c).allMatch(f -> f.width() == 320 && f.height() == 180 && f.spatialIndex() == 0 && f.temporalIndex() == 0);
            assertThat(c).anyMatch(f -> f.data().length > 2 * MTU);
            assertThat(c).anyMatch(f -> !f.key() && f.data().length < MTU);
        }
    }

    @Test
    void vp8KeyFlagMatchesTheFrameTag() {
        // RFC 6386 9.1: P bit 0 is a key frame, which carries the start code 9d 01 2a.
        for (Captured f : vp8()) {
            assertThat((f.data()[0] & 1) == 0).isEqualTo(f.key());
            if (f.key()) {
                assertThat(Arrays.copyOfRange(f.data(), 3, 6)).containsExactly(0x9d, 0x01, 0x2a);
            }
        }
    }

    @Test
    void vp9IsProfileZeroWithoutSuperframes() {
        for (Captured f : vp9()) {
            byte[] d = f.data();
            assertThat(d[0] & 0xF0).as("frame marker 2, profile 0, show_existing_frame 0").isEqualTo(0x80);
            assertThat((d[0] & 0x04) == 0).as("frame_type").isEqualTo(f.key());
            // A superframe ends with an index whose first and last bytes are 110mmfff (VP9 bitstream spec Annex B).
            int last = d[d.length - 1] & 0xFF;
            int indexSize = 2 + (((last >>> 3) & 0x03) + 1) * ((last & 0x07) + 1);
            boolean superframe = (last & 0xE0) == 0xC0 && d.length >= indexSize && d[d.length - indexSize] == (byte) last;
            assertThat(superframe).isFalse();
        }
    }

    @Test
    void av1TemporalUnitsStartWithATemporalDelimiterThatTheCanonicalFormDrops() {
        for (Captured f : av1()) {
            List<byte[]> raw = Av1Obu.split(f.data(), 0, f.data().length);
            assertThat(Av1Obu.type(raw.get(0))).isEqualTo(Av1Obu.OBU_TEMPORAL_DELIMITER);
            List<byte[]> obus = ChromiumFrames.av1(f.data()).obus();
            assertThat(obus).noneMatch(o -> Av1Obu.type(o) == Av1Obu.OBU_TEMPORAL_DELIMITER);
            assertThat(obus).allMatch(o -> (o[0] & 0x02) != 0); // size fields kept
            // Chromium already writes size fields, so the canonical TU is the capture minus its 2-byte delimiter.
            assertThat(Av1Obu.join(obus)).isEqualTo(Arrays.copyOfRange(f.data(), raw.get(0).length, f.data().length));
            assertThat(Av1Obu.isKeyframe(obus)).isEqualTo(f.key());
            assertThat(Av1Obu.sequenceHeader(obus) != null).isEqualTo(f.key());
        }
    }

    // ---- round trips through our packetizers at a 1200-byte MTU

    @Test
    void vp8RoundTripsByteForByte() {
        List<Frame> frames = ChromiumFrames.vpx(vp8());
        assertVpx(frames, CodecFixtures.roundTrip(new Vp8Packetizer(), new Vp8Depacketizer(), frames, MTU), -1);
    }

    @Test
    void vp9RoundTripsByteForByte() {
        List<Frame> frames = ChromiumFrames.vpx(vp9());
        assertVpx(frames, CodecFixtures.roundTrip(new Vp9Packetizer(), new Vp9Depacketizer(), frames, MTU), -1);
    }

    @Test
    void av1RoundTripsByteForByte() {
        List<Frame> frames = ChromiumFrames.av1(av1());
        assertAv1(frames, CodecFixtures.roundTrip(new Av1Packetizer(), new Av1Depacketizer(), frames, MTU), -1);
    }

    @Test
    void vp8LossInTheSecondKeyframeDropsOnlyThatFrame() {
        List<Frame> frames = ChromiumFrames.vpx(vp8());
        Vp8Depacketizer d = new Vp8Depacketizer();
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(new Vp8Packetizer(), d, frames, MTU,
                secondPacketOf(new Vp8Packetizer(), frames, 30));
        assertVpx(frames, out, 30);
        assertThat(d.droppedFrames()).isEqualTo(1);
    }

    @Test
    void vp9LossInTheSecondKeyframeDropsOnlyThatFrame() {
        List<Frame> frames = ChromiumFrames.vpx(vp9());
        Vp9Depacketizer d = new Vp9Depacketizer();
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(new Vp9Packetizer(), d, frames, MTU,
                secondPacketOf(new Vp9Packetizer(), frames, 30));
        assertVpx(frames, out, 30);
        assertThat(d.droppedFrames()).isEqualTo(1);
    }

    @Test
    void av1LossInTheSecondKeyframeDropsOnlyThatFrame() {
        List<Frame> frames = ChromiumFrames.av1(av1());
        Av1Depacketizer d = new Av1Depacketizer();
        List<RtpDepacketizer.Complete> out = CodecFixtures.roundTrip(new Av1Packetizer(), d, frames, MTU,
                secondPacketOf(new Av1Packetizer(), frames, 30));
        assertAv1(frames, out, 30);
        assertThat(d.droppedFrames()).isEqualTo(1);
    }

    /** Index, in the whole packet sequence, of the second packet of frame {@code target} (which must have one). */
    private static int secondPacketOf(RtpPacketizer p, List<Frame> frames, int target) {
        int before = 0;
        for (int i = 0; i < target; i++) {
            before += CodecFixtures.packetCount(p, frames.get(i), MTU);
        }
        assertThat(CodecFixtures.packetCount(p, frames.get(target), MTU)).isGreaterThan(2);
        return before + 1;
    }

    // ---- our depacketizers on libwebrtc-style packetization

    @Test
    void vp8DepacketizerReadsLibwebrtcStylePackets() {
        List<Captured> c = vp8();
        List<RtpDepacketizer.Complete> out = depacketize(new Vp8Depacketizer(), c, ChromiumPayloadFormatTest::vp8Packets);
        assertVpx(ChromiumFrames.vpx(c), out, -1);
        assertTimestamps(c, out);
    }

    @Test
    void vp9DepacketizerReadsLibwebrtcStylePackets() {
        List<Captured> c = vp9();
        List<RtpDepacketizer.Complete> out = depacketize(new Vp9Depacketizer(), c, ChromiumPayloadFormatTest::vp9Packets);
        assertVpx(ChromiumFrames.vpx(c), out, -1);
        assertTimestamps(c, out);
    }

    @Test
    void av1DepacketizerReadsLibwebrtcStylePackets() {
        List<Captured> c = av1();
        List<RtpDepacketizer.Complete> out = depacketize(new Av1Depacketizer(), c, ChromiumPayloadFormatTest::av1Packets);
        assertAv1(ChromiumFrames.av1(c), out, -1);
        assertTimestamps(c, out);
    }

    @Test
    void av1LibwebrtcStylePacketsUseWCountsAndN() {
        List<byte[]> key = av1Packets(0, av1().get(0));
        assertThat(key.get(0)[0] & 0x08).as("N on a keyframe").isEqualTo(0x08);
        assertThat(key).allMatch(p -> (p[0] & 0x30) != 0, "W set");
        List<byte[]> delta = av1Packets(1, av1().get(1));
        assertThat(delta.get(0)[0] & 0x08).isZero();
    }

    private static List<RtpDepacketizer.Complete> depacketize(RtpDepacketizer d, List<Captured> frames,
                                                             BiFunction<Integer, Captured, List<byte[]>> packetize) {
        List<RtpDepacketizer.Complete> out = new ArrayList<>();
        int seq = 65530; // cross the sequence wrap
        for (int i = 0; i < frames.size(); i++) {
            List<byte[]> payloads = packetize.apply(i, frames.get(i));
            assertThat(payloads).allMatch(p -> p.length <= MTU);
            for (RtpPacket p : CodecFixtures.packets(payloads, seq, frames.get(i).rtpTimestamp())) {
                if (d.push(p) instanceof RtpDepacketizer.Complete complete) {
                    out.add(complete);
                }
            }
            seq += payloads.size();
        }
        assertThat(d.droppedFrames()).isZero();
        return out;
    }

    /** RFC 7741 as libwebrtc writes it: X, I with a 15-bit picture id, L (TL0PICIDX), T/K; equal-sized packets. */
    private static List<byte[]> vp8Packets(int index, Captured f) {
        int pictureId = 0x1234 + index;
        byte[] descriptor = {(byte) 0x90, (byte) 0xF0, (byte) (0x80 | (pictureId >>> 8) & 0x7F), (byte) pictureId,
                (byte) index, 0x20};
        return split(f.data(), MTU - descriptor.length, (at, last) -> {
            byte[] d = descriptor.clone();
            d[0] = (byte) (at == 0 ? 0x90 : 0x80);
            return d;
        });
    }

    /**
     * RFC 9628 non-flexible mode as libwebrtc writes it: I with a 15-bit picture id, L (layer indices and
     * TL0PICIDX), P on inter frames, B/E, and on a keyframe's first packet V with a scalability structure
     * (one spatial layer with its size, one picture group).
     */
    private static List<byte[]> vp9Packets(int index, Captured f) {
        int pictureId = 0x7FF0 + index; // wraps past 0x7FFF
        return split(f.data(), MTU - 13, (at, last) -> {
            List<Integer> b = new ArrayList<>();
            boolean ss = f.key() && at == 0;
            b.add(0xA0 | (f.key() ? 0 : 0x40) | (at == 0 ? 0x08 : 0) | (last ? 0x04 : 0) | (ss ? 0x02 : 0));
            b.add(0x80 | ((pictureId & 0x7FFF) >>> 8));
            b.add(pictureId & 0xFF);
            b.add(0x00); // TID 0, U 0, SID 0, D 0
            b.add(index & 0xFF); // TL0PICIDX
            if (ss) {
                b.addAll(List.of(0x18, f.width() >>> 8, f.width() & 0xFF, f.height() >>> 8, f.height() & 0xFF, 1, 0x04, 1));
            }
            byte[] d = new byte[b.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) (int) b.get(i);
            }
            return d;
        });
    }

    private interface Descriptor {
        byte[] at(int offset, boolean last);
    }

    /** Splits data into the fewest chunks of at most {@code room} bytes, balanced like libwebrtc does. */
    private static List<byte[]> split(byte[] data, int room, Descriptor descriptor) {
        int n = (data.length + room - 1) / room;
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        for (int k = 0; k < n; k++) {
            int len = (data.length - at) / (n - k);
            byte[] d = descriptor.at(at, k == n - 1);
            byte[] p = Arrays.copyOf(d, d.length + len);
            System.arraycopy(data, at, p, d.length, len);
            out.add(p);
            at += len;
        }
        return out;
    }

    /**
     * AOM AV1 RTP 4.4 as libwebrtc writes it: OBU elements without size fields and no temporal delimiter; W is
     * the element count when at most 3 (the last element then has no length); Z/Y across fragments; N on the
     * first packet of a keyframe.
     */
    private static List<byte[]> av1Packets(int index, Captured f) {
        List<byte[]> elements = new ArrayList<>();
        for (byte[] obu : ChromiumFrames.av1(f.data()).obus()) {
            int headerLen = (obu[0] & 0x04) != 0 ? 2 : 1;
            byte[] payload = Av1Obu.payload(obu);
            byte[] e = Arrays.copyOf(obu, headerLen + payload.length);
            e[0] &= ~0x02;
            System.arraycopy(payload, 0, e, headerLen, payload.length);
            elements.add(e);
        }
        List<byte[]> out = new ArrayList<>();
        List<byte[]> pieces = new ArrayList<>();
        int used = 1;
        boolean z = false;
        for (byte[] e : elements) {
            int at = 0;
            while (at < e.length) {
                int room = MTU - used - 3; // at most a 3-byte length per element here
                if (room < 1) {
                    out.add(av1Packet(pieces, z, false, f.key() && out.isEmpty()));
                    pieces.clear();
                    used = 1;
                    z = false;
                    continue;
                }
                int n = Math.min(room, e.length - at);
                pieces.add(Arrays.copyOfRange(e, at, at + n));
                used += 3 + n;
                at += n;
                if (at < e.length) {
                    out.add(av1Packet(pieces, z, true, f.key() && out.isEmpty()));
                    pieces.clear();
                    used = 1;
                    z = true;
                }
            }
        }
        if (!pieces.isEmpty()) {
            out.add(av1Packet(pieces, z, false, f.key() && out.isEmpty()));
        }
        return out;
    }

    private static byte[] av1Packet(List<byte[]> pieces, boolean z, boolean y, boolean n) {
        int w = pieces.size() <= 3 ? pieces.size() : 0;
        java.io.ByteArrayOutputStream p = new java.io.ByteArrayOutputStream();
        p.write((z ? 0x80 : 0) | (y ? 0x40 : 0) | (w << 4) | (n ? 0x08 : 0));
        for (int i = 0; i < pieces.size(); i++) {
            if (w == 0 || i < w - 1) {
                p.writeBytes(Av1Obu.leb128(pieces.get(i).length));
            }
            p.writeBytes(pieces.get(i));
        }
        return p.toByteArray();
    }

    // ---- comparisons

    /** Every frame but {@code missing} (-1: none) came out in order, byte for byte, with its key flag. */
    private static void assertVpx(List<Frame> frames, List<RtpDepacketizer.Complete> out, int missing) {
        List<Frame> expected = without(frames, missing);
        assertThat(out).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(((Payload.VpxFrame) out.get(i).payload()).data()).as("frame %d", i)
                    .isEqualTo(((Payload.VpxFrame) expected.get(i).payload()).data());
            assertThat(out.get(i).keyframe()).as("key flag of frame %d", i).isEqualTo(expected.get(i).keyframe());
        }
    }

    private static void assertAv1(List<Frame> frames, List<RtpDepacketizer.Complete> out, int missing) {
        List<Frame> expected = without(frames, missing);
        assertThat(out).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(((Payload.Av1TemporalUnit) out.get(i).payload()).obus()).as("frame %d", i)
                    .usingElementComparator(Arrays::compare)
                    .containsExactlyElementsOf(((Payload.Av1TemporalUnit) expected.get(i).payload()).obus());
            assertThat(out.get(i).keyframe()).as("key flag of frame %d", i).isEqualTo(expected.get(i).keyframe());
        }
    }

    private static List<Frame> without(List<Frame> frames, int missing) {
        List<Frame> out = new ArrayList<>(frames);
        if (missing >= 0) {
            assertThat(frames.get(missing).keyframe()).isTrue();
            out.remove(missing);
        }
        return out;
    }

    private static void assertTimestamps(List<Captured> c, List<RtpDepacketizer.Complete> out) {
        assertThat(out.stream().map(RtpDepacketizer.Complete::rtpTimestamp).toList())
                .isEqualTo(c.stream().map(Captured::rtpTimestamp).toList());
    }
}
