package io.livegate.rtc.rtp.codec;

import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.rtc.rtp.RtpHeader;
import io.livegate.rtc.rtp.RtpPacket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers: fixture readers (Annex B, IVF, AV1 low-overhead OBUs) and RTP packet sequences. */
final class CodecFixtures {

    private CodecFixtures() {
    }

    static byte[] load(String name) {
        try (InputStream in = CodecFixtures.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NAL units of an Annex B stream (start codes 00 00 01 or 00 00 00 01). */
    static List<byte[]> annexB(byte[] b) {
        List<Integer> starts = new ArrayList<>();
        List<Integer> codeStarts = new ArrayList<>();
        for (int i = 0; i + 2 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                codeStarts.add(i > 0 && b[i - 1] == 0 ? i - 1 : i);
                starts.add(i + 3);
                i += 2;
            }
        }
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int end = k + 1 < starts.size() ? codeStarts.get(k + 1) : b.length;
            out.add(Arrays.copyOfRange(b, starts.get(k), end));
        }
        return out;
    }

    /** H.264 access units, split at AUDs (the fixture was made with aud=1). */
    static List<List<byte[]>> h264AccessUnits(byte[] b) {
        List<List<byte[]>> aus = new ArrayList<>();
        for (byte[] nal : annexB(b)) {
            if ((nal[0] & 0x1F) == 9 || aus.isEmpty()) {
                aus.add(new ArrayList<>());
            }
            aus.get(aus.size() - 1).add(nal);
        }
        return aus;
    }

    /** H.265 access units: a new one starts at a parameter set, AUD, prefix SEI or first slice after a VCL unit. */
    static List<List<byte[]>> h265AccessUnits(byte[] b) {
        List<List<byte[]>> aus = new ArrayList<>();
        boolean vcl = false;
        for (byte[] nal : annexB(b)) {
            int t = (nal[0] >>> 1) & 0x3F;
            boolean firstSlice = t < 32 && (nal[2] & 0x80) != 0;
            boolean startsAu = (t >= 32 && t <= 35) || t == 39 || firstSlice;
            if (aus.isEmpty() || (startsAu && vcl)) {
                aus.add(new ArrayList<>());
                vcl = false;
            }
            aus.get(aus.size() - 1).add(nal);
            vcl |= t < 32;
        }
        return aus;
    }

    /** Frames of an IVF file. */
    static List<byte[]> ivf(byte[] b) {
        int headerLen = (b[6] & 0xFF) | ((b[7] & 0xFF) << 8);
        List<byte[]> out = new ArrayList<>();
        int at = headerLen;
        while (at + 12 <= b.length) {
            int size = (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((b[at + 2] & 0xFF) << 16) | ((b[at + 3] & 0xFF) << 24);
            out.add(Arrays.copyOfRange(b, at + 12, at + 12 + size));
            at += 12 + size;
        }
        return out;
    }

    /** OBUs (with size fields) of an AV1 temporal unit in low-overhead format, temporal delimiters removed. */
    static List<byte[]> obus(byte[] tu) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < tu.length) {
            int h = tu[at] & 0xFF;
            int headerLen = (h & 0x04) != 0 ? 2 : 1;
            long r = Leb128.read(tu, at + headerLen, tu.length);
            int end = at + headerLen + (int) (r & 0xFF) + (int) (r >>> 8);
            if (((h >>> 3) & 0x0F) != Av1Packetizer.OBU_TEMPORAL_DELIMITER) {
                out.add(Arrays.copyOfRange(tu, at, end));
            }
            at = end;
        }
        return out;
    }

    static Frame frame(Payload payload, boolean keyframe) {
        return new Frame(0, 0, 0, keyframe, payload, 0);
    }

    /** RTP packets for the payloads of one frame: consecutive sequence numbers, marker on the last. */
    static List<RtpPacket> packets(List<byte[]> payloads, int firstSeq, long timestamp) {
        List<RtpPacket> out = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            out.add(new RtpPacket(RtpHeader.of(i == payloads.size() - 1, 96, (firstSeq + i) & 0xFFFF, timestamp, 1),
                    payloads.get(i)));
        }
        return out;
    }

    /** Packetizes frames, depacketizes the packets (minus those whose index is in {@code lost}), returns the results. */
    static List<RtpDepacketizer.Complete> roundTrip(RtpPacketizer packetizer, RtpDepacketizer depacketizer,
                                                    List<Frame> frames, int mtu, int... lost) {
        List<RtpPacket> all = new ArrayList<>();
        int seq = 65500; // cross the sequence wrap
        for (int f = 0; f < frames.size(); f++) {
            List<byte[]> payloads = packetizer.packetize(frames.get(f), mtu);
            for (byte[] p : payloads) {
                if (p.length > mtu) {
                    throw new AssertionError("payload of " + p.length + " > " + mtu);
                }
            }
            all.addAll(packets(payloads, seq, 3000L * f));
            seq += payloads.size();
        }
        List<RtpDepacketizer.Complete> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            final int idx = i;
            if (Arrays.stream(lost).anyMatch(l -> l == idx)) {
                continue;
            }
            if (depacketizer.push(all.get(i)) instanceof RtpDepacketizer.Complete c) {
                out.add(c);
            }
        }
        return out;
    }

    static int packetCount(RtpPacketizer packetizer, Frame frame, int mtu) {
        return packetizer.packetize(frame, mtu).size();
    }
}
