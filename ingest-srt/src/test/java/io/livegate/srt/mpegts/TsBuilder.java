package io.livegate.srt.mpegts;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes crafted transport packets for tests (PAT, PMT, PES with stuffing), keeping continuity counters. */
final class TsBuilder {

    static final int PMT_PID = 0x1000;
    private final Map<Integer, Integer> cc = new HashMap<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] bytes() {
        return out.toByteArray();
    }

    private int nextCc(int pid) {
        int c = cc.getOrDefault(pid, -1) + 1 & 0xf;
        cc.put(pid, c);
        return c;
    }

    /** A whole PSI section (header, body, CRC) for a table. */
    static byte[] section(int tableId, int idExtension, int version, byte[] body) {
        int sectionLength = 5 + body.length + 4;
        byte[] s = new byte[3 + sectionLength];
        s[0] = (byte) tableId;
        s[1] = (byte) (0xB0 | sectionLength >> 8);
        s[2] = (byte) sectionLength;
        s[3] = (byte) (idExtension >> 8);
        s[4] = (byte) idExtension;
        s[5] = (byte) (0xC1 | version << 1);
        s[6] = 0;
        s[7] = 0;
        System.arraycopy(body, 0, s, 8, body.length);
        int crc = Crc32Mpeg2.compute(s, 0, s.length - 4);
        s[s.length - 4] = (byte) (crc >>> 24);
        s[s.length - 3] = (byte) (crc >>> 16);
        s[s.length - 2] = (byte) (crc >>> 8);
        s[s.length - 1] = (byte) crc;
        return s;
    }

    static byte[] patSection(int pmtPid) {
        return section(0, 1, 0, new byte[] {0, 1, (byte) (0xE0 | pmtPid >> 8), (byte) pmtPid});
    }

    /** One PMT entry: stream type, PID and descriptor bytes. */
    record Es(int type, int pid, byte[] descriptors) {
        Es(int type, int pid) {
            this(type, pid, new byte[0]);
        }
    }

    static byte[] pmtSection(int version, int pcrPid, Es... streams) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0xE0 | pcrPid >> 8);
        b.write(pcrPid);
        b.write(0xF0);
        b.write(0);
        for (Es e : streams) {
            b.write(e.type);
            b.write(0xE0 | e.pid >> 8);
            b.write(e.pid);
            b.write(0xF0 | e.descriptors.length >> 8);
            b.write(e.descriptors.length);
            b.writeBytes(e.descriptors);
        }
        return section(2, 1, version, b.toByteArray());
    }

    TsBuilder psi(int pid, byte[] section) {
        byte[] payload = new byte[section.length + 1];
        System.arraycopy(section, 0, payload, 1, section.length); // pointer_field 0
        int off = 0;
        boolean first = true;
        while (off < payload.length) {
            int n = Math.min(184, payload.length - off);
            byte[] p = new byte[188];
            Arrays.fill(p, (byte) 0xFF);
            p[0] = 0x47;
            p[1] = (byte) ((first ? 0x40 : 0) | pid >> 8);
            p[2] = (byte) pid;
            p[3] = (byte) (0x10 | nextCc(pid));
            System.arraycopy(payload, off, p, 4, n);
            out.writeBytes(p);
            off += n;
            first = false;
        }
        return this;
    }

    TsBuilder pat() {
        return psi(0, patSection(PMT_PID));
    }

    TsBuilder pmt(int version, Es... streams) {
        return psi(PMT_PID, pmtSection(version, streams.length > 0 ? streams[0].pid : 0x1FFF, streams));
    }

    /** PES header with PTS (and DTS when {@code dts >= 0}); {@code bounded} writes PES_packet_length. */
    static byte[] pes(int streamId, long pts, long dts, byte[] es, boolean bounded) {
        int hdl = pts < 0 ? 0 : dts >= 0 ? 10 : 5;
        int total = 9 + hdl + es.length;
        byte[] b = new byte[total];
        b[2] = 1;
        b[3] = (byte) streamId;
        int len = bounded ? total - 6 : 0;
        b[4] = (byte) (len >> 8);
        b[5] = (byte) len;
        b[6] = (byte) 0x80;
        b[7] = (byte) (pts < 0 ? 0 : dts >= 0 ? 0xC0 : 0x80);
        b[8] = (byte) hdl;
        if (pts >= 0) {
            writeTs(b, 9, dts >= 0 ? 0x3 : 0x2, pts);
            if (dts >= 0) {
                writeTs(b, 14, 0x1, dts);
            }
        }
        System.arraycopy(es, 0, b, 9 + hdl, es.length);
        return b;
    }

    static void writeTs(byte[] b, int p, int prefix, long ts) {
        b[p] = (byte) (prefix << 4 | (ts >> 29 & 0x0E) | 1);
        b[p + 1] = (byte) (ts >> 22);
        b[p + 2] = (byte) ((ts >> 14 & 0xFE) | 1);
        b[p + 3] = (byte) (ts >> 7);
        b[p + 4] = (byte) ((ts << 1 & 0xFE) | 1);
    }

    /** Splits a PES packet into transport packets; the last is padded with adaptation-field stuffing. */
    List<byte[]> pesPackets(int pid, byte[] pes, boolean randomAccess) {
        List<byte[]> packets = new ArrayList<>();
        int off = 0;
        boolean first = true;
        while (off < pes.length) {
            byte[] p = new byte[188];
            p[0] = 0x47;
            p[1] = (byte) ((first ? 0x40 : 0) | pid >> 8);
            p[2] = (byte) pid;
            int remaining = pes.length - off;
            boolean needAf = remaining < 184 || (first && randomAccess);
            if (!needAf) {
                p[3] = (byte) (0x10 | nextCc(pid));
                System.arraycopy(pes, off, p, 4, 184);
                off += 184;
            } else {
                int afLen = Math.max(1, 183 - remaining); // af_length byte counts separately
                int payload = Math.min(remaining, 183 - afLen);
                p[3] = (byte) (0x30 | nextCc(pid));
                p[4] = (byte) afLen;
                p[5] = (byte) (first && randomAccess ? 0x40 : 0);
                for (int i = 6; i < 5 + afLen; i++) {
                    p[i] = (byte) 0xFF;
                }
                System.arraycopy(pes, off, p, 5 + afLen, payload);
                off += payload;
            }
            packets.add(p);
            first = false;
        }
        return packets;
    }

    TsBuilder pes(int pid, byte[] pes, boolean randomAccess) {
        for (byte[] p : pesPackets(pid, pes, randomAccess)) {
            out.writeBytes(p);
        }
        return this;
    }

    TsBuilder raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** An H.264 access unit: AUD, SPS, PPS, IDR slice (Annex B). */
    static byte[] h264KeyframeAu(int sliceBytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0, 0, 0, 1, 0x09, (byte) 0xF0});
        b.writeBytes(new byte[] {0, 0, 0, 1, 0x67, 0x42, (byte) 0xC0, 0x1E, (byte) 0x8C, 0x68, 0x14});
        b.writeBytes(new byte[] {0, 0, 0, 1, 0x68, (byte) 0xCE, 0x3C, (byte) 0x80});
        b.writeBytes(new byte[] {0, 0, 1, 0x65});
        for (int i = 0; i < sliceBytes; i++) {
            b.write(0x11 + i % 7);
        }
        return b.toByteArray();
    }

    static byte[] h264DeltaAu(int sliceBytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0, 0, 0, 1, 0x41});
        for (int i = 0; i < sliceBytes; i++) {
            b.write(0x22 + i % 5);
        }
        return b.toByteArray();
    }

    /** An ADTS frame: AAC-LC, 48 kHz, stereo, no CRC, with {@code payload} raw bytes. */
    static byte[] adts(int payload, int fill) {
        int len = 7 + payload;
        byte[] b = new byte[len];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xF1;
        b[2] = (byte) (1 << 6 | 3 << 2 | 0); // LC, 48 kHz, channel config high bit 0
        b[3] = (byte) (2 << 6 | len >> 11); // 2 channels
        b[4] = (byte) (len >> 3);
        b[5] = (byte) ((len & 7) << 5 | 0x1F);
        b[6] = (byte) 0xFC;
        Arrays.fill(b, 7, len, (byte) fill);
        return b;
    }
}
