package io.livegate.rtmp;

import io.livegate.rtmp.flv.FlvException;
import io.livegate.rtmp.flv.FlvException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits AV1 low-overhead bitstream data (AV1 spec 5.2, OBUs with size fields, as Enhanced RTMP carries it)
 * into OBUs, dropping temporal delimiters; the canonical {@code Av1TemporalUnit} form.
 */
final class Av1Obus {

    static final int SEQUENCE_HEADER = 1;
    static final int TEMPORAL_DELIMITER = 2;
    /** Bounds the OBU list of one temporal unit; real encoders emit a handful. */
    static final int MAX_OBUS = 1024;

    private Av1Obus() {
    }

    static int type(byte[] obu) {
        return (obu[0] >>> 3) & 0x0F;
    }

    static List<byte[]> split(byte[] b, int off, int len) {
        List<byte[]> out = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            if (out.size() >= MAX_OBUS) {
                throw new FlvException(Reason.TRUNCATED, "more than " + MAX_OBUS + " OBUs in one temporal unit");
            }
            int start = p;
            int header = b[p++] & 0xFF;
            if ((header & 0x80) != 0) {
                throw new FlvException(Reason.TRUNCATED, "OBU forbidden bit set");
            }
            if ((header & 0x04) != 0) {
                p++;
            }
            if ((header & 0x02) == 0) {
                throw new FlvException(Reason.TRUNCATED, "OBU without size field");
            }
            long size = 0;
            for (int i = 0; ; i++) {
                if (p >= end || i == 8) {
                    throw new FlvException(Reason.TRUNCATED, "OBU size field runs past the data");
                }
                int v = b[p++] & 0xFF;
                size |= (long) (v & 0x7F) << (7 * i);
                if ((v & 0x80) == 0) {
                    break;
                }
            }
            if (size > end - p) {
                throw new FlvException(Reason.TRUNCATED, "OBU of " + size + " bytes, " + (end - p) + " left");
            }
            p += (int) size;
            if (((header >>> 3) & 0x0F) != TEMPORAL_DELIMITER) {
                out.add(Arrays.copyOfRange(b, start, p));
            }
        }
        return out;
    }
}
