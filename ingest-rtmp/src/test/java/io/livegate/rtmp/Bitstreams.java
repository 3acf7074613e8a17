package io.livegate.rtmp;

import io.livegate.codec.h264.AnnexB;
import io.livegate.codec.h265.H265NalType;
import io.livegate.codec.h265.HevcDecoderConfig;
import io.livegate.media.CodecParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real encoder output made with the ffmpeg CLI, split into access units for crafting Enhanced RTMP tags. */
final class Bitstreams {

    private Bitstreams() {
    }

    static Path encode(Path dir, String name, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(Ffmpeg.BIN, "-hide_banner", "-nostdin", "-loglevel", "error",
                "-y"));
        cmd.addAll(List.of(args));
        cmd.add(out.toString());
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("ffmpeg failed: " + cmd + "\n" + Files.readString(log));
            }
        } finally {
            p.destroyForcibly();
        }
        return out;
    }

    /** An H.265 Annex B stream: parameter sets and access units (NAL lists). */
    record Hevc(byte[] vps, byte[] sps, byte[] pps, List<List<byte[]>> accessUnits) {
        /** The hvcC of these parameter sets, as the codec package writes it. */
        byte[] hvcC() {
            return HevcDecoderConfig.of(new CodecParameters.H265Parameters(List.of(vps), List.of(sps), List.of(pps)))
                    .toBytes();
        }
    }

    static Hevc hevc(byte[] annexB) {
        List<byte[]> nals = AnnexB.split(annexB, 0, annexB.length);
        byte[] vps = null;
        byte[] sps = null;
        byte[] pps = null;
        List<List<byte[]>> aus = new ArrayList<>();
        List<byte[]> pending = new ArrayList<>();
        for (byte[] nal : nals) {
            int type = H265NalType.of(nal);
            if (type == H265NalType.VPS && vps == null) {
                vps = nal;
            } else if (type == H265NalType.SPS && sps == null) {
                sps = nal;
            } else if (type == H265NalType.PPS && pps == null) {
                pps = nal;
            }
            if (H265NalType.isVcl(type)) {
                boolean firstSlice = (nal[2] & 0x80) != 0;
                if (firstSlice || aus.isEmpty()) {
                    List<byte[]> au = new ArrayList<>(pending);
                    pending.clear();
                    au.add(nal);
                    aus.add(au);
                } else {
                    aus.get(aus.size() - 1).add(nal);
                }
            } else if (type == H265NalType.SUFFIX_SEI && !aus.isEmpty()) {
                aus.get(aus.size() - 1).add(nal);
            } else {
                pending.add(nal);
            }
        }
        return new Hevc(vps, sps, pps, aus);
    }

    /** AV1 low-overhead OBU stream split at temporal delimiters (each unit keeps its delimiter). */
    static List<byte[]> av1TemporalUnits(byte[] obu) {
        List<byte[]> units = new ArrayList<>();
        int p = 0;
        int start = 0;
        while (p < obu.length) {
            int header = obu[p] & 0xFF;
            int type = header >> 3 & 0x0F;
            int q = p + 1 + ((header & 0x04) != 0 ? 1 : 0);
            long size = 0;
            for (int i = 0; ; i++) {
                int v = obu[q++] & 0xFF;
                size |= (long) (v & 0x7F) << (7 * i);
                if ((v & 0x80) == 0) {
                    break;
                }
            }
            if (type == 2 && p > start) {
                units.add(Arrays.copyOfRange(obu, start, p));
                start = p;
            }
            p = q + (int) size;
        }
        units.add(Arrays.copyOfRange(obu, start, obu.length));
        return units;
    }

    /** The first OBU of a given type in a unit, with its header and size. */
    static byte[] firstObu(byte[] unit, int wanted) {
        int p = 0;
        while (p < unit.length) {
            int header = unit[p] & 0xFF;
            int q = p + 1 + ((header & 0x04) != 0 ? 1 : 0);
            long size = 0;
            for (int i = 0; ; i++) {
                int v = unit[q++] & 0xFF;
                size |= (long) (v & 0x7F) << (7 * i);
                if ((v & 0x80) == 0) {
                    break;
                }
            }
            if ((header >> 3 & 0x0F) == wanted) {
                return Arrays.copyOfRange(unit, p, q + (int) size);
            }
            p = q + (int) size;
        }
        return null;
    }

    /** IVF frames (VP8/VP9). */
    static List<byte[]> ivfFrames(byte[] ivf) {
        List<byte[]> frames = new ArrayList<>();
        int p = (ivf[6] & 0xFF) | (ivf[7] & 0xFF) << 8; // header length
        while (p + 12 <= ivf.length) {
            int size = (ivf[p] & 0xFF) | (ivf[p + 1] & 0xFF) << 8 | (ivf[p + 2] & 0xFF) << 16 | (ivf[p + 3] & 0xFF) << 24;
            frames.add(Arrays.copyOfRange(ivf, p + 12, p + 12 + size));
            p += 12 + size;
        }
        return frames;
    }

    /** Ogg packets (Opus: OpusHead, OpusTags, then audio packets). */
    static List<byte[]> oggPackets(byte[] ogg) {
        List<byte[]> packets = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        int p = 0;
        while (p + 27 <= ogg.length) {
            int nsegs = ogg[p + 26] & 0xFF;
            int data = p + 27 + nsegs;
            for (int i = 0; i < nsegs; i++) {
                int len = ogg[p + 27 + i] & 0xFF;
                cur.write(ogg, data, len);
                data += len;
                if (len < 255) {
                    packets.add(cur.toByteArray());
                    cur.reset();
                }
            }
            p = data;
        }
        return packets;
    }
}
