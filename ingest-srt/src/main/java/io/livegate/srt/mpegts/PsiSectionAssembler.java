package io.livegate.srt.mpegts;

import java.util.function.Consumer;

/**
 * Collects PSI sections of one PID from packet payloads (ISO/IEC 13818-1 2.4.4): the pointer_field on a
 * payload-unit start, sections that span packets, several sections in one packet, 0xFF stuffing. A finished
 * section is handed on only when its CRC_32 checks; a section lost to a gap or a bad CRC is counted and skipped.
 */
final class PsiSectionAssembler {

    /** 2.4.4.3: section_length is at most 1021 for PAT/PMT, so a whole section is at most 1024 bytes. */
    static final int MAX_SECTION = 1024;

    private final byte[] buf = new byte[MAX_SECTION];
    private int have;
    private int need = -1; // total section length once the 3-byte header is in, else -1
    private boolean collecting;
    private long crcErrors;
    private long malformed;

    long crcErrors() {
        return crcErrors;
    }

    long malformed() {
        return malformed;
    }

    /** Drops a partial section (after a continuity gap). */
    void reset() {
        collecting = false;
        have = 0;
        need = -1;
    }

    void accept(byte[] b, int off, int len, boolean unitStart, Consumer<Section> out) {
        int p = off;
        int end = off + len;
        if (unitStart) {
            if (len < 1) {
                reset();
                return;
            }
            int pointer = b[p++] & 0xff;
            if (pointer > end - p) {
                malformed++;
                reset();
                return;
            }
            if (collecting) {
                append(b, p, pointer, out); // the tail of the previous section
            }
            p += pointer;
            reset();
            collecting = true;
        }
        if (!collecting) {
            return; // joined mid-section: wait for the next unit start
        }
        while (p < end && collecting) {
            if (have == 0 && (b[p] & 0xff) == 0xFF) {
                collecting = false; // stuffing: no more sections in this packet
                return;
            }
            int took = append(b, p, end - p, out);
            p += took;
            if (took == 0) {
                return;
            }
        }
    }

    /** Appends up to {@code len} bytes to the current section, emitting it when complete; returns bytes used. */
    private int append(byte[] b, int off, int len, Consumer<Section> out) {
        int used = 0;
        if (need < 0) {
            int n = Math.min(3 - have, len);
            System.arraycopy(b, off, buf, have, n);
            have += n;
            used += n;
            if (have < 3) {
                return used;
            }
            int sectionLength = (buf[1] & 0x0f) << 8 | buf[2] & 0xff;
            if (sectionLength > MAX_SECTION - 3 || sectionLength < 9) {
                malformed++;
                collecting = false;
                have = 0;
                return len;
            }
            need = 3 + sectionLength;
        }
        int n = Math.min(need - have, len - used);
        System.arraycopy(b, off + used, buf, have, n);
        have += n;
        used += n;
        if (have == need) {
            if (Crc32Mpeg2.compute(buf, 0, need) == 0) {
                out.accept(new Section(buf, need));
            } else {
                crcErrors++;
            }
            have = 0;
            need = -1;
        }
        return used;
    }

    /** A complete section with a valid CRC; {@code bytes} is reused after the callback returns. */
    record Section(byte[] bytes, int length) {
        int tableId() {
            return bytes[0] & 0xff;
        }

        boolean syntaxIndicator() {
            return (bytes[1] & 0x80) != 0;
        }

        int tableIdExtension() {
            return (bytes[3] & 0xff) << 8 | bytes[4] & 0xff;
        }

        int version() {
            return bytes[5] >> 1 & 0x1f;
        }

        boolean currentNext() {
            return (bytes[5] & 0x01) != 0;
        }

        /** Offset of the table body after the 8-byte long-form header. */
        static final int BODY = 8;

        /** End of the table body (before the CRC_32). */
        int bodyEnd() {
            return length - 4;
        }
    }
}
