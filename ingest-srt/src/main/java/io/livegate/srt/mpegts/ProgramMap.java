package io.livegate.srt.mpegts;

import java.util.ArrayList;
import java.util.List;

/** The TS program map section (ISO/IEC 13818-1 2.4.4.8) of the program being read. */
public record ProgramMap(int version, int programNumber, int pcrPid, List<ElementaryStream> streams) {

    static final int TABLE_ID = 0x02;
    private static final int TAG_REGISTRATION = 0x05;
    private static final int TAG_EXTENSION = 0x7f;
    /** Extension descriptor tag of the Opus channel configuration. */
    private static final int EXT_OPUS = 0x80;

    public ProgramMap {
        streams = List.copyOf(streams);
    }

    static ProgramMap parse(PsiSectionAssembler.Section s, int maxStreams) {
        if (s.tableId() != TABLE_ID || !s.syntaxIndicator()) {
            throw bad("PMT with table_id " + s.tableId());
        }
        byte[] b = s.bytes();
        int end = s.bodyEnd();
        int p = PsiSectionAssembler.Section.BODY;
        if (p + 4 > end) {
            throw bad("PMT body of " + (end - p) + " bytes is shorter than its 4-byte header");
        }
        int pcrPid = (b[p] & 0x1f) << 8 | b[p + 1] & 0xff;
        int programInfoLength = (b[p + 2] & 0x0f) << 8 | b[p + 3] & 0xff;
        p += 4;
        if (programInfoLength > end - p) {
            throw bad("program_info_length " + programInfoLength + " overruns the section (" + (end - p) + " left)");
        }
        int programRegistration = registration(b, p, p + programInfoLength);
        p += programInfoLength;
        List<ElementaryStream> out = new ArrayList<>();
        while (p < end) {
            if (end - p < 5) {
                throw bad("PMT stream entry of " + (end - p) + " bytes is shorter than 5");
            }
            int type = b[p] & 0xff;
            int pid = (b[p + 1] & 0x1f) << 8 | b[p + 2] & 0xff;
            int infoLength = (b[p + 3] & 0x0f) << 8 | b[p + 4] & 0xff;
            p += 5;
            if (infoLength > end - p) {
                throw bad("ES_info_length " + infoLength + " of PID " + pid + " overruns the section ("
                        + (end - p) + " left)");
            }
            if (out.size() == maxStreams) {
                throw new TsException(TsException.Reason.TOO_MANY_STREAMS,
                        "PMT lists more than " + maxStreams + " elementary streams");
            }
            int reg = registration(b, p, p + infoLength);
            if (reg == 0 && type == 0x06) {
                reg = programRegistration;
            }
            StreamKind kind = StreamKind.of(type, reg);
            int channels = kind == StreamKind.OPUS ? opusChannels(b, p, p + infoLength) : 0;
            for (ElementaryStream e : out) {
                if (e.pid() == pid) {
                    throw bad("PID " + pid + " listed twice in the PMT");
                }
            }
            out.add(new ElementaryStream(pid, type, kind, reg, channels));
            p += infoLength;
        }
        return new ProgramMap(s.version(), s.tableIdExtension(), pcrPid, out);
    }

    /** format_identifier of the first registration descriptor in the loop, or 0. */
    private static int registration(byte[] b, int p, int end) {
        while (end - p >= 2) {
            int tag = b[p] & 0xff;
            int len = b[p + 1] & 0xff;
            if (len > end - p - 2) {
                throw bad("descriptor 0x" + Integer.toHexString(tag) + " length " + len + " overruns its loop");
            }
            if (tag == TAG_REGISTRATION && len >= 4) {
                return (b[p + 2] & 0xff) << 24 | (b[p + 3] & 0xff) << 16 | (b[p + 4] & 0xff) << 8 | b[p + 5] & 0xff;
            }
            p += 2 + len;
        }
        return 0;
    }

    /**
     * Channel count from the Opus extension descriptor (channel_config_code 1..8 is the channel count; 0x80 and
     * the dual-mono code 0 map to 2); 2 when absent.
     */
    private static int opusChannels(byte[] b, int p, int end) {
        while (end - p >= 2) {
            int tag = b[p] & 0xff;
            int len = b[p + 1] & 0xff;
            if (tag == TAG_EXTENSION && len >= 2 && (b[p + 2] & 0xff) == EXT_OPUS) {
                int code = b[p + 3] & 0xff;
                return code >= 1 && code <= 8 ? code : 2;
            }
            p += 2 + len;
        }
        return 2;
    }

    private static TsException bad(String message) {
        return new TsException(TsException.Reason.BAD_SECTION, message);
    }
}
